"""The bench's Anki reference (issue 18): builds an Anki collection from a sysdrill
database (its cards, their states and the review log) and times Anki's backend
in-process on it. Test-only: run with the venv that `.ci/run` makes (anki==26.9.3),
never part of sysdrill.

usage: anki_reference.py SYSDRILL_DB NOW_UNIX DUE_JSON WORKDIR RUNS

- SYSDRILL_DB: the database to copy (read-only).
- NOW_UNIX: sysdrill's "now" (SYSDRILL_NOW) for that database.
- DUE_JSON: `sysdrill due --json` at that moment; Anki's queue counts must equal its
  counts, else the output says so ("counts_match false").
- RUNS: timed runs of each operation; the collection is opened afresh before each run,
  so every run builds Anki's queue from the database as a first look at the deck does.

Prints lines "NAME value ...": the counts on both sides ("counts", "expected",
"counts_match"), the build time, and per operation the seconds of each run: "due_tree" (the deck list's counts), "first_card"
(get_queued_cards, which builds the queue and returns the first card with the
counts), "graphs" (the statistics screen's data for a year).

Anki runs on the real clock, so the data is moved in time: review days keep their
distance from today in study days, a learning card's due time its distance from now,
and the log is moved by whole days so each review stays on its study day.
"""
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import time

from anki.collection import Collection

DAY = 86_400


def main() -> None:
    database, now, due_json, work, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
    with open(due_json) as handle:
        expected = json.load(handle)["counts"]
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "reference.anki2")
    for name in (path, path + "-wal", path + "-shm"):
        if os.path.exists(name):
            os.remove(name)

    started = time.perf_counter()
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    settings = dict(source.execute("SELECT key, value FROM settings"))
    new_per_day = int(settings.get("new-per-day", 20))
    reviews_per_day = int(settings.get("reviews-per-day", 200))
    rollover = int(settings.get("day-rollover-hour", 4))
    # sysdrill's study day under TZ=UTC: it starts at the rollover hour.
    day_start = (now - rollover * 3600) // DAY * DAY + rollover * 3600
    day_end = day_start + DAY

    col = Collection(path)
    col.set_config("rollover", rollover)
    deck_id = col.decks.id("Default")
    config = col.decks.config_dict_for_deck_id(deck_id)
    config["new"]["perDay"] = new_per_day
    config["rev"]["perDay"] = reviews_per_day
    col.decks.update_config(config)
    # sysdrill's new-card limit does not depend on its review limit (a collection setting).
    col.set_config("newCardsIgnoreReviewLimit", True)
    today = col.sched.today
    anki_day_start = col.sched.day_cutoff - DAY
    shift = anki_day_start - day_start  # whole days: each review stays on its study day
    real_now = int(time.time())
    model = col.models.by_name("Basic")

    buried = {row[0] for row in source.execute("SELECT card_id FROM buried WHERE until > ?", (now,))}
    suspended = {row[0] for row in source.execute(
        "SELECT card_id FROM card_marks WHERE mark = 'suspended' AND is_set = 1")}
    notes, cards, ids = [], [], {}
    rows = source.execute("""
        SELECT c.id, c.front, c.back, COALESCE(d.sort_order, 1048576) * 1048576 + c.position,
               s.phase, s.due, s.reps, s.lapses, s.interval_days, s.sm2_ef
        FROM cards c LEFT JOIN decks d ON d.name = c.deck LEFT JOIN card_state s ON s.card_id = c.id
        WHERE c.retired = 0 AND COALESCE(d.disabled, 0) = 0
        ORDER BY 4
        """)
    for number, (card_id, front, back, order, phase, due, reps, lapses, interval, ef) in enumerate(rows, start=1):
        ids[card_id] = number
        notes.append((number, card_id, model["id"], real_now, -1, "", front + "\x1f" + back, front,
                      int(hashlib.sha1(front.encode()).hexdigest()[:8], 16), 0, ""))
        if phase is None:
            kind, queue, anki_due, interval, reps, lapses, left = 0, 0, number, 0, 0, 0, 0
        elif phase == "review":
            kind, queue, left = 2, 2, 0
            anki_due = today + (due - day_start) // DAY
        else:
            kind, left = (1 if phase == "learning" else 3), 1001
            if due < day_end:
                queue, anki_due = 1, real_now + (due - now)
            else:
                queue, anki_due = 3, today + (due - day_start) // DAY
        if card_id in suspended:
            queue = -1
        elif card_id in buried:
            queue = -3
        factor = int(round((ef or 2.5) * 1000)) if phase is not None else 0
        cards.append((number, number, deck_id, 0, real_now, -1, kind, queue, anki_due, max(0, interval), factor,
                      reps, lapses, left, 0, 0, 0, ""))

    # The log; Anki's ease from sysdrill's quality, the first answer of a card as learning.
    # Today's studied counts are what sysdrill's limits subtract (cards, not answers).
    revlog, seen, per_second = [], set(), {}
    new_today, reviewed_today = set(), set()
    for card_id, at, grade, duration in source.execute(
            "SELECT card_id, at, grade, duration_ms FROM review_log ORDER BY at, rowid"):
        number = ids.get(card_id)
        if number is None:
            continue
        first = card_id not in seen
        seen.add(card_id)
        if at >= day_start:
            (new_today if first else reviewed_today).add(card_id)
        second = at + shift
        index = per_second.get(second, 0)
        per_second[second] = index + 1
        ease = 1 if grade < 3 else grade - 1
        revlog.append((second * 1000 + index, number, -1, ease, 0, 0, 2500, min(duration, 60_000), 0 if first else 1))
    reviewed_today -= new_today
    source.close()

    def insert() -> None:
        col.db.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)", notes)
        col.db.executemany("INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", cards)
        col.db.executemany("INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)", revlog)

    # One transaction (outside one, every row is its own commit: minutes for a million).
    col.db.transact(insert)
    deck = col.decks.get(deck_id)
    deck["newToday"] = [today, len(new_today)]
    deck["revToday"] = [today, len(reviewed_today)]
    col.decks.save(deck)
    col.close(downgrade=False)
    built = time.perf_counter() - started

    times = {"due_tree": [], "first_card": [], "graphs": []}
    counts = None
    for _ in range(runs):
        col = Collection(path)
        began = time.perf_counter()
        col.sched.deck_due_tree()
        times["due_tree"].append(time.perf_counter() - began)
        col.close(downgrade=False)

        col = Collection(path)
        began = time.perf_counter()
        queued = col.sched.get_queued_cards(fetch_limit=1)
        times["first_card"].append(time.perf_counter() - began)
        counts = {"new": queued.new_count, "learning": queued.learning_count, "review": queued.review_count}

        began = time.perf_counter()
        col._backend.graphs(search="", days=365)
        times["graphs"].append(time.perf_counter() - began)
        col.close(downgrade=False)

    # Lines the bench reads: "NAME value...".
    print("cards", len(cards))
    print("reviews", len(revlog))
    print("build_seconds", built)
    print("counts", counts["new"], counts["learning"], counts["review"])
    print("expected", expected["new"], expected["learning"], expected["review"])
    print("counts_match", "true" if counts == expected else "false")
    for name, values in times.items():
        print(name, *values)
    shutil.rmtree(work, ignore_errors=True)


main()
