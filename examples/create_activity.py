#!/usr/bin/env python3
"""Record an activity in phoihop through its API, send it for approval and read it back.

An example for other systems: Python's standard library only. Make a read-write token on your
account page (Tài khoản của tôi → Khoá truy cập API), then:

    PHOIHOP_URL=https://phoihop.example.org PHOIHOP_TOKEN=php_… \\
        python3 examples/create_activity.py --task 12 --title "Hội nghị tuyên truyền" --date 2026-05-10

``--task`` is the task of an annual plan the activity carries out (its number is in the task's
address, /ke-hoach/nhiem-vu/<task>/). The activity is recorded for your own organisations among
the agreement's parties, as a draft, then submitted with ``If-Match`` so that a change made
meanwhile (in the app, by a colleague) is not overwritten: the API answers 412 instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any


def call(
    method: str, url: str, token: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[Any, dict[str, str]]:
    """One request; the decoded answer and its headers, or exit with the API's error message."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 - http(s) only, checked in main
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the URL is the user's own server
            return json.loads(response.read() or b"null"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        try:
            error = json.loads(exc.read())
        except ValueError:
            sys.exit(f"{method} {url}: HTTP {exc.code}")
        message = error.get("message", {}).get("en") or error.get("code")
        fields = "; ".join(
            f"{name}: {m['en']}" for name, ms in error.get("fields", {}).items() for m in ms
        )
        sys.exit(
            f"{method} {url}: {exc.code} {error.get('code')}: {message}"
            + (f" ({fields})" if fields else "")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", type=int, required=True, help="the task's id")
    parser.add_argument("--title", required=True)
    parser.add_argument("--date", required=True, help="the day it took place, YYYY-MM-DD")
    parser.add_argument("--place", default="")
    parser.add_argument("--participants", type=int)
    args = parser.parse_args(argv)
    base = os.environ.get("PHOIHOP_URL", "http://127.0.0.1:8000").rstrip("/") + "/api/v1"
    if not base.startswith(("https://", "http://")):
        sys.exit("PHOIHOP_URL must be an http:// or https:// address.")
    token = os.environ.get("PHOIHOP_TOKEN") or sys.exit("Set PHOIHOP_TOKEN to a read-write token.")

    draft = {
        "task": args.task,
        "title": args.title,
        "start_date": args.date,
        "place_text": args.place,
    }
    if args.participants is not None:
        draft["participants"] = args.participants
    created, headers = call("POST", f"{base}/activities", token, draft)
    print(f"Recorded activity {created['id']} as {created['status']['label']}: {created['title']}")

    submitted, _ = call(
        "POST",
        f"{base}/activities/{created['id']}/submit",
        token,
        headers={"If-Match": headers["ETag"]},
    )
    print(f"Sent for approval: {submitted['status']['label']}")

    read, _ = call("GET", f"{base}/activities/{created['id']}", token)
    organisers = ", ".join(o["name"] for o in read["organizations"])
    print(
        f"Read back: {read['title']} ({read['start_date']}), {read['status']['value']}, by {organisers}"
    )
    return 0 if read["status"]["value"] == "submitted" else 1


if __name__ == "__main__":
    raise SystemExit(main())
