"""Prepare session streams: through the app's own endpoint, the agenda's items appear one by
one while the model writes them, before the finished agenda and starters replace them.

The fake model pauses before each reply, as a real one takes a while to write an item, so
several of the endpoint's polls fall inside each item."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from gradio_client import Client

from coach.llm.fake import FakeChatModel
from tests.app_support import ANSWER, MENTOR, PASSWORD, RunningApp, running_app

pytestmark = [pytest.mark.integration,
              pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]  # fmt: skip
AGENDA_VIEW, STARTERS_VIEW = 0, 2  # in what the endpoint returns (States stay server-side)


class PausingModel(FakeChatModel):
    """The fake model, taking ``delay`` seconds before each reply."""

    delay: float = 0.3

    def _stream(self, messages, stop=None, run_manager=None, **kwargs: Any) -> Iterator:
        time.sleep(self.delay)
        yield from super()._stream(messages, stop, run_manager, **kwargs)


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    model = PausingModel.of([ANSWER] * 60)
    # the model words the blocks (COACH_AGENDA_ADAPT=true): model-written items to stream
    with running_app(
        tmp_path_factory.mktemp("prepare-stream"), model, agenda_adapt=True
    ) as running:
        yield running


def test_the_agenda_appears_item_by_item_before_the_finished_plan(app):
    mentor = app.services.users.signed_in(MENTOR)
    pair = app.services.pairs.list(mentor)[0].pair.id
    client = Client(app.url, auth=(MENTOR, PASSWORD), verbose=False)
    job = client.submit(pair, 30, "", api_name="/prepare_session")
    final = job.result(timeout=180)
    views = [out[AGENDA_VIEW] for out in job.outputs() if isinstance(out[AGENDA_VIEW], str)]
    partial = [v for v in views if "Writing the agenda…" in v]
    counts = [int(re.search(r"(\d+) items? so far", v).group(1)) for v in partial]  # type: ignore[union-attr]
    assert len(set(counts)) >= 2, f"items arrived one by one, not all at once: {counts}"
    assert counts == sorted(counts) and counts[0] >= 1
    assert views[-1] == final[AGENDA_VIEW] and "Writing" not in final[AGENDA_VIEW]
    assert views.index(partial[0]) < len(views) - 1, "the first items came before the end"
    titles = re.findall(r"<h4>(.*?)</h4>", partial[-1])
    assert titles and all(f"<h4>{t}</h4>" in final[AGENDA_VIEW] for t in titles)
    assert "flip-card" in final[STARTERS_VIEW]
