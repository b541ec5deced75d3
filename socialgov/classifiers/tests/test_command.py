"""``socialgov classify``: the input/output contract, malformed input, packs."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

PHONE = ('{"id": 1, "labels": ["pii.phone"], "findings": [{"label": "pii.phone", "score": 0.95, "start": 11, '
         '"end": 25, "explanation": "Phone number in North American (NANP) format, near “call”.", '
         '"classifier": "pii"}]}')
CLEAN_B = '{"id": "b", "labels": [], "findings": []}'


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("classify", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


@pytest.mark.requirement("LCCS-09")
def test_jsonl_in_jsonl_out_exactly(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", '{"id": 1, "text": "Call me at (419) 213-2273"}\n\n'
                                       '{"id": "b", "text": "Thanks for the workshop!"}\n')
    out, err = run(path)
    assert out.splitlines() == [PHONE, CLEAN_B]
    assert err == ""


def test_csv_in_jsonl_out_exactly(tmp_path: Path) -> None:
    path = write(tmp_path, "in.csv", '\ufeffid,text\r\n1,Call me at (419) 213-2273\r\nb,"Thanks for the\n'
                                     'workshop!"\r\n')
    out, err = run(path)
    expected_phone = json.loads(PHONE) | {"id": "1"}  # CSV ids are strings
    assert [json.loads(line) for line in out.splitlines()] == [expected_phone, json.loads(CLEAN_B)]
    assert err == ""


def test_output_objects_have_exactly_the_contract_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", json.dumps({"id": 7, "text": "you idiot, my SSN is 123-45-6780"}) + "\n")
    (line,) = run(path)[0].splitlines()
    record = json.loads(line)
    assert list(record) == ["id", "labels", "findings"]
    assert record["labels"] == sorted({f["label"] for f in record["findings"]})
    for finding in record["findings"]:
        assert list(finding) == ["label", "score", "start", "end", "explanation", "classifier"]
        assert isinstance(finding["score"], float) and 0 <= finding["score"] <= 1
        assert isinstance(finding["start"], int) and isinstance(finding["end"], int)


def test_format_is_sniffed_without_a_known_extension(tmp_path: Path) -> None:
    jsonl = write(tmp_path, "comments.txt", '  {"id": 1, "text": "Call me at (419) 213-2273"}\n')
    assert run(jsonl)[0].splitlines() == [PHONE]
    csv_file = write(tmp_path, "comments.dat", "text,id\nThanks for the workshop!,b\n")
    assert run(csv_file)[0].splitlines() == [CLEAN_B]


def test_output_file(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", '{"id": 1, "text": "Call me at (419) 213-2273"}\n')
    target = tmp_path / "out.jsonl"
    out, _ = run(path, "-o", str(target))
    assert out == "" and target.read_text(encoding="utf-8").splitlines() == [PHONE]


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"id": 1, "text": "Call me at (419) 213-2273"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    out = io.StringIO()
    call_command("classify", "-", stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines() == [PHONE]


BAD_JSONL = "\n".join([
    '{"id": 1, "text": "Call me at (419) 213-2273"}',
    '{"id": 2, "text": "unterminated}',
    '["id", "text"]',
    '{"text": "no id"}',
    '{"id": 4}',
    '{"id": 5, "text": 42}',
    '{"id": null, "text": "x"}',
    '{"id": "b", "text": "Thanks for the workshop!"}',
]) + "\n"


def test_malformed_jsonl_lines_are_reported_and_the_rest_classified(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", BAD_JSONL.encode() + b'{"id": 9, "text": "caf\xe9"}\n')
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="7 input line") as raised:
        call_command("classify", str(path), stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert out.getvalue().splitlines() == [PHONE, CLEAN_B]
    assert err.getvalue().splitlines() == [
        "line 2: not valid JSON: Unterminated string starting at (column 19)",
        'line 3: expected a JSON object with "id" and "text", got an array',
        'line 4: missing "id"',
        'line 5: missing "text"',
        'line 6: "text" must be a string, got a number',
        'line 7: "id" must be a non-empty string or an integer, got null',
        "line 9: not valid UTF-8",
    ]


def test_malformed_csv_rows_are_reported_and_the_rest_classified(tmp_path: Path) -> None:
    path = write(tmp_path, "in.csv", b"id,text\n1,Call me at (419) 213-2273\n2\n,no id\n3,a,b\n4,caf\xe9\n"
                                     b"b,Thanks for the workshop!\n")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("classify", str(path), stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["1", "b"]
    assert err.getvalue().splitlines() == [
        "line 3: expected 2 fields as in the header, got 1",
        'line 4: missing "id" (empty)',
        "line 5: expected 2 fields as in the header, got 3",
        "line 6: not valid UTF-8",
    ]


def test_csv_without_id_and_text_columns_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "in.csv", "comment_id,body\n1,hello\n")
    with pytest.raises(CommandError):
        call_command("classify", str(path), stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert err.getvalue().strip() == ("line 1: the CSV header must name an \"id\" and a \"text\" column; "
                                      "found 'comment_id', 'body'")


def test_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read .*nope.jsonl: No such file"):
        call_command("classify", str(tmp_path / "nope.jsonl"), stdout=io.StringIO(), stderr=io.StringIO())


def test_pack_settings_apply(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", json.dumps({"id": 1, "text": "I think the baby next door is neglected"}) + "\n")
    (line,) = run(path, "--pack", "lucas-county-cs")[0].splitlines()
    (finding,) = json.loads(line)["findings"]
    assert finding["label"] == "child_abuse_report" and "419-213-CARE (2273)" in finding["explanation"]


def test_an_unknown_pack_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", '{"id": 1, "text": "hi"}\n')
    with pytest.raises(CommandError, match="missing.yaml"):
        call_command("classify", str(path), "--pack", str(tmp_path / "missing.yaml"), stdout=io.StringIO(),
                     stderr=io.StringIO())


def test_large_input_streams_in_order(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": f"comment {i} call (419) 213-{2000 + i % 7000:04d}"}) for i in range(3000)]
    path = write(tmp_path, "big.jsonl", "\n".join(lines) + "\n")
    out = run(path)[0].splitlines()
    assert [json.loads(line)["id"] for line in out] == list(range(3000))


def test_console_script_exit_status_and_streams(tmp_path: Path) -> None:
    path = write(tmp_path, "in.jsonl", '{"id": 1, "text": "Call me at (419) 213-2273"}\nnot json\n')
    script = Path(sys.executable).with_name("socialgov")
    result = subprocess.run([str(script), "classify", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [PHONE]
    assert "line 2: not valid JSON" in result.stderr
