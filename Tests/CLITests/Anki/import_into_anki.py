"""Imports a package into a new Anki collection with the real Anki library and prints
what Anki holds afterwards, as JSON: note, card and revlog counts, and each card's
scheduling (type, queue, interval, due in days from today for review cards).

usage: import_into_anki.py PACKAGE WORKDIR
"""
import json
import os
import sys

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

package, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
col = Collection(os.path.join(work, "target.anki2"))
col.import_anki_package(ImportAnkiPackageRequest(package_path=package,
                                                 options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False)))
today = col.sched.today
cards = []
for cid in sorted(col.find_cards("")):
    card = col.get_card(cid)
    note = card.note()
    cards.append({"guid": note.guid, "deck": col.decks.name(card.did), "type": card.type, "queue": card.queue,
                  "ivl": card.ivl, "reps": card.reps, "lapses": card.lapses, "front": note.fields[0], "tags": note.tags,
                  "due_in_days": card.due - today if card.type == 2 else None})
result = {"notes": col.note_count(), "cards": col.card_count(), "revlog": col.db.scalar("select count() from revlog"),
          "eases": col.db.list("select ease from revlog order by id"), "card_list": cards}
col.close()
print(json.dumps(result))
