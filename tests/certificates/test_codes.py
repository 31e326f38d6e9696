import pytest

from certificates.codes import ALPHABET, generate_code, normalise_code


def test_codes_are_grouped_unambiguous_and_80_bits():
    codes = {generate_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)
        assert not set("ILOU") & set(code)
    assert len(ALPHABET) ** 16 >= 2 ** 80


@pytest.mark.parametrize("typed", ["k7qm2zp4h9xwr3tb", "K7QM 2ZP4 H9XW R3TB", " k7qm-2zp4-h9xw-r3tb ",
                                   "K7QM–2ZP4–H9XW–R3TB"])
def test_typing_is_forgiving(typed):
    assert normalise_code(typed) == "K7QM-2ZP4-H9XW-R3TB"


def test_lookalike_letters_read_as_digits():
    assert normalise_code("O0IL-0000-0000-0000") == "0011-0000-0000-0000"


@pytest.mark.parametrize("typed", ["", "K7QM-2ZP4-H9XW", "K7QM-2ZP4-H9XW-R3TBX", "UUUU-0000-0000-0000",
                                   "<script>", "K7QM-2ZP4-H9XW-R3T!", "x" * 200])
def test_malformed_codes_are_refused(typed):
    assert normalise_code(typed) is None
