"""Builds an Anki collection with the real Anki library (test-only, from a venv) and
exports it three ways, for sysdrill's interop tests.

usage: make_anki_fixtures.py OUTDIR

Writes, from one collection:
- early.apkg: a legacy package exported after the first half of the answers;
- profile.anki2: the collection as Anki keeps it in a profile folder (schema 18);
- legacy.apkg, legacy.colpkg, modern.apkg: the three packages, after all answers;
- collection.anki2: the collection itself, closed (Anki leaves it at schema 11);
- expected.json: every note, card and revlog entry as Anki sees them.
"""
import shutil
import json
import os
import sys

from anki.collection import Collection, ExportAnkiPackageOptions

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
path = os.path.join(out, "collection.anki2")
col = Collection(path)


def add(model_name, deck_name, fields, tags):
    model = col.models.by_name(model_name)
    note = col.new_note(model)
    for name, value in fields.items():
        note[name] = value
    note.tags = tags
    col.add_note(note, col.decks.id(deck_name))
    return note


add("Basic", "Systems Design", {"Front": "What does a <b>load balancer</b> do?",
                                "Back": "Spreads requests<br>over servers &amp; checks health"}, ["networking"])
add("Basic", "Systems Design::Caching", {"Front": "Write-through cache", "Back": "<div>Writes go to cache and store</div><div>together</div>"},
    ["caching", "writes"])
add("Basic (and reversed card)", "Systems Design::Caching", {"Front": "TTL", "Back": "time to live &lt;seconds&gt;"}, [])
add("Cloze", "Systems Design::Storage", {"Text": "{{c1::Sharding}} splits data; {{c2::replication::copies}} copies it",
                                          "Back Extra": "see <i>DDIA</i>"}, ["storage"])
add("Basic", "Trivia", {"Front": "2 &times; 3", "Back": "6"}, [])

# Answer some cards with the real scheduler: grades 1-4 over a few cards, in two rounds.
cids = sorted(col.find_cards(""))


def answer(plan):
    for index, eases in plan.items():
        for ease in eases:
            card = col.get_card(cids[index])
            card.start_timer()
            col.sched.answerCard(card, ease)


answer({0: [3], 1: [1]})
early = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True, legacy=True)
col.export_anki_package(out_path=os.path.join(out, "early.apkg"), limit=None, options=early)
answer({0: [3], 1: [3], 2: [4], 4: [2, 3], 6: [1, 3]})
# A manual reschedule: a revlog entry that is no review.
col.sched.set_due_date([cids[3]], "5")

expected = {"notes": [], "cards": [], "revlog": []}
for nid in sorted(col.find_notes("")):
    note = col.get_note(nid)
    expected["notes"].append({"guid": note.guid, "model": note.note_type()["name"], "fields": list(note.fields),
                              "tags": note.tags})
for cid in cids:
    card = col.get_card(cid)
    expected["cards"].append({"guid": card.note().guid, "ord": card.ord, "deck": col.decks.name(card.did)})
for row in col.db.all("select id, cid, ease, time, type from revlog order by id"):
    expected["revlog"].append({"id": row[0], "cid": row[1], "ease": row[2], "time": row[3], "type": row[4],
                               "guid": col.get_card(row[1]).note().guid, "ord": col.get_card(row[1]).ord})

# The collection as a running Anki keeps it (schema 18), copied while closed.
col.close(downgrade=False)
shutil.copyfile(path, os.path.join(out, "profile.anki2"))
col = Collection(path)
col.export_anki_package(out_path=os.path.join(out, "legacy.apkg"), limit=None,
                        options=ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True,
                                                         legacy=True))
col.export_anki_package(out_path=os.path.join(out, "modern.apkg"), limit=None,
                        options=ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True,
                                                         legacy=False))
col.export_collection_package(os.path.join(out, "legacy.colpkg"), include_media=True, legacy=True)
col.close()
with open(os.path.join(out, "expected.json"), "w") as handle:
    json.dump(expected, handle, indent=1)
