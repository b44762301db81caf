"""/events.csv and /accounts.csv byte for byte, the same on SQLite and PostgreSQL.

Ids differ between runs of the suite (the tables are emptied, not re-created), so they are
read from the API and put in; every other byte is fixed: column order, quoting, CRLF, UTC
times with Z, the neutralised publisher name, the comma inside a quoted cell.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

REPORTS = [
    {
        "text": "Syrian troops captured Abu Kamal on Wednesday, the army said.",
        "published": "2017-11-10",
        "source": "Levant Wire",
    },
    {
        "text": "Syrian troops captured Abu Kamal on Thursday, the Observatory said. "
        "At least 12 people were killed.",
        "published": "2017-11-10T08:00:00+03:00",
        "source": "@Monitor, Inc.",
    },
]
CAPTURE = "Capture of Abu Kamal (Syrian Army)"
SOHR = "Syrian Observatory for Human Rights"

EVENTS = (
    "event_id,title,kind,place,earliest,latest,edtf,disputed,account_count,claimants,"
    "publishers\r\n"
    f"{{e1}},{CAPTURE},capture,Abu Kamal,2017-11-08T00:00:00Z,2017-11-10T00:00:00Z,"
    f'2017-11-08/2017-11-09,true,2,Syrian Army | {SOHR},"Levant Wire | @Monitor, Inc."\r\n'
    f"{{e2}},Casualties,casualties,,2017-11-09T00:00:00Z,2017-11-10T00:00:00Z,2017-11-09,"
    f'false,1,{SOHR},"\'@Monitor, Inc."\r\n'
)
ACCOUNTS = (
    "account_id,event_id,event_title,kind,document_id,publisher,published,claimant,"
    "claimant_cue,time_source,time_text,time_value,earliest,latest,granularity,edtf,polarity,"
    "hedged,agents,targets,supporters,locations,trigger,evidence_start,evidence_end,quote\r\n"
    f"{{a1}},{{e1}},{CAPTURE},capture,{{d1}},Levant Wire,2017-11-10T00:00:00Z,Syrian Army,"
    "said,own,Wednesday,2017-11-08,2017-11-08T00:00:00Z,2017-11-09T00:00:00Z,day,2017-11-08,"
    "asserts,false,Syrian Army,,,Abu Kamal,captured,0,61,"
    '"Syrian troops captured Abu Kamal on Wednesday, the army said."\r\n'
    f'{{a2}},{{e1}},{CAPTURE},capture,{{d2}},"\'@Monitor, Inc.",2017-11-10T05:00:00Z,{SOHR},'
    "said,own,Thursday,2017-11-09,2017-11-09T00:00:00Z,2017-11-10T00:00:00Z,day,2017-11-09,"
    "asserts,false,Syrian Army,,,Abu Kamal,captured,0,67,"
    '"Syrian troops captured Abu Kamal on Thursday, the Observatory said."\r\n'
    f'{{a3}},{{e2}},Casualties,casualties,{{d2}},"\'@Monitor, Inc.",2017-11-10T05:00:00Z,'
    f"{SOHR},inherited,context,Thursday,2017-11-09,2017-11-09T00:00:00Z,2017-11-10T00:00:00Z,"
    "day,2017-11-09,asserts,false,,,,,killed,68,99,At least 12 people were killed.\r\n"
)


def _ids(client: TestClient) -> dict[str, int]:
    ids: dict[str, int] = {}
    accounts = []
    for n, report in enumerate(REPORTS, start=1):
        posted = client.post("/documents", json=report)
        assert posted.status_code == 201, posted.text
        ids[f"d{n}"] = posted.json()["id"]
        accounts += client.get(f"/documents/{ids[f'd{n}']}").json()["accounts"]
    for n, account in enumerate(accounts, start=1):
        ids[f"a{n}"] = account["id"]
    ids["e1"], ids["e2"] = accounts[0]["event_id"], accounts[2]["event_id"]
    return ids


def test_events_and_accounts_csv_byte_for_byte(client: TestClient) -> None:
    ids = _ids(client)
    events = client.get("/events.csv")
    assert events.headers["content-type"] == "text/csv; charset=utf-8"
    assert events.content == EVENTS.format(**ids).encode()
    assert client.get("/accounts.csv").content == ACCOUNTS.format(**ids).encode()
