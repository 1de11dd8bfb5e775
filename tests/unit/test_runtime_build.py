"""Which CPU features the llama.cpp build uses, and the hint when the CPU offers more."""

from coach.llm.runtime_build import BUILD_HINT, build_features, cpu_flags, describe

GENERIC = "CPU : SSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | AVX512 = 0 | OPENMP = 1 | "
NATIVE = "CPU : SSE3 = 1 | AVX2 = 1 | AVX512 = 1 | AVX512_VNNI = 1 | AVX512_BF16 = 1 | "
CPUINFO = "processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni avx512_bf16\nbugs\t: x\n"


def test_build_features_keeps_only_the_ones_switched_on():
    assert build_features(GENERIC) == {"SSE3", "AVX", "AVX2", "F16C", "FMA", "OPENMP"}


def test_cpu_flags_reads_the_first_flags_line():
    assert cpu_flags(CPUINFO) == {"fpu", "sse2", "avx2", "avx512f", "avx512_vnni", "avx512_bf16"}
    assert cpu_flags("no flags here") == set()


def test_a_generic_build_on_an_avx512_cpu_says_so_and_how_to_fix_it():
    text, hint = describe(GENERIC, cpu_flags(CPUINFO))
    assert text == "uses AVX2; this CPU also has AVX512_BF16, AVX512_VNNI, AVX512"
    assert hint == BUILD_HINT


def test_a_native_build_lists_its_widest_features_and_needs_no_hint():
    text, hint = describe(NATIVE, cpu_flags(CPUINFO))
    assert text == "uses AVX512_BF16, AVX512_VNNI, AVX512, AVX2"
    assert hint == ""


def test_a_cpu_without_avx2_is_described_without_a_hint():
    assert describe("CPU : SSE3 = 1 | ", {"sse3"}) == ("uses no AVX2 or wider", "")
