#!/usr/bin/env python3
"""The reference side of sysdrill's FSRS optimizer tests (test-only; never part of the product).

    generate  --seed S --cards N --days D --weights W   synthetic learner's review log (JSON)
    evaluate  --log FILE --weights W                    fsrs-rs's evaluate on that log
    optimize  --log FILE                                fsrs-rs's compute_parameters on that log

A learner is FSRS-6 with known weights W: py-fsrs 6.3.2 schedules the cards (fuzz on,
seeded), and each review is remembered with the probability W predicts. A log is JSON:
{"reviews": [[card, at_seconds, study_day, grade 0-5], ...]}, study days rolling over at
04:00 UTC. Items are built here independently of the Swift code, by fsrs-rs's rules: per
card in time order, delta_t = study days since the previous review, one item per review
after the first with delta_t > 0 holding all reviews up to it; grades 0-2 Again, 3 Hard,
4 Good, 5 Easy; items ordered by the predicted review's time.

Needs fsrs-rs-python==0.9.3 (evaluate, optimize) and fsrs==6.3.2 (generate).
"""
import argparse
import json
import math
import random
import sys
from datetime import datetime, timedelta, timezone

DAY = 86400
ROLLOVER = 4 * 3600


def parse_weights(text):
    weights = [float(x) for x in text.split(",")]
    assert len(weights) == 21, "21 weights"
    return weights


def generate(args):
    from fsrs import Card, Rating, Scheduler

    random.seed(args.seed)  # py-fsrs's fuzz draws from the module-level generator
    rng = random.Random(args.seed + 1)
    scheduler = Scheduler(parameters=parse_weights(args.weights), desired_retention=args.retention, enable_fuzzing=True)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    end = start + timedelta(days=args.days)
    per_day = max(1, args.cards // max(1, args.days // 2))
    reviews = []
    for index in range(args.cards):
        card = Card(card_id=index + 1)
        when = start + timedelta(days=index // per_day, seconds=index)
        first = True
        while when < end:
            if first:
                rating = rng.choices([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy], [0.2, 0.1, 0.55, 0.15])[0]
                first = False
            elif rng.random() < scheduler.get_card_retrievability(card, when):
                roll = rng.random()
                rating = Rating.Hard if roll < 0.15 else Rating.Good if roll < 0.9 else Rating.Easy
            else:
                rating = Rating.Again
            at = int(when.timestamp())
            reviews.append([index, at, (at - ROLLOVER) // DAY, {1: 1, 2: 3, 3: 4, 4: 5}[int(rating)]])
            card, _ = scheduler.review_card(card, rating, when)
            when = max(card.due, when + timedelta(minutes=1))
    reviews.sort(key=lambda r: (r[1], r[0]))
    json.dump({"reviews": reviews}, sys.stdout)


def items_from_log(path):
    """(FSRSItem list, rating lists) in the order of the predicted reviews' times."""
    from fsrs_rs_python import FSRSItem, FSRSReview

    with open(path) as handle:
        reviews = json.load(handle)["reviews"]
    cards = {}
    for position, (card, at, day, grade) in enumerate(reviews):
        cards.setdefault(card, []).append((at, position, day, grade))
    keyed = []
    for order, (card, log) in enumerate(cards.items()):
        log.sort()
        history = []
        for index, (at, _, day, grade) in enumerate(log):
            delta = 0 if index == 0 else max(0, day - log[index - 1][2])
            rating = 1 if grade <= 2 else grade - 1
            history.append((rating, delta))
            if index > 0 and delta > 0:
                keyed.append(((at, order, index), list(history)))
    keyed.sort(key=lambda pair: pair[0])
    return [FSRSItem([FSRSReview(r, d) for r, d in history]) for _, history in keyed]


def evaluate(args):
    from fsrs_rs_python import FSRS

    items = items_from_log(args.log)
    model = FSRS(parse_weights(args.weights))
    whole = model.evaluate(items)
    # One item at a time: fsrs-rs's recency weight does not matter for a single item,
    # so the mean of these is the plain (unweighted) log loss.
    plain = sum(model.evaluate([item]).log_loss for item in items) / len(items)
    json.dump({"items": len(items), "log_loss": whole.log_loss, "rmse_bins": whole.rmse_bins, "plain_log_loss": plain}, sys.stdout)


def optimize(args):
    from fsrs_rs_python import FSRS

    items = items_from_log(args.log)
    parameters = FSRS([]).compute_parameters(items)
    evaluation = FSRS(parameters).evaluate(items)
    json.dump({"items": len(items), "parameters": parameters, "log_loss": evaluation.log_loss,
               "rmse_bins": evaluation.rmse_bins}, sys.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("generate")
    one.add_argument("--seed", type=int, required=True)
    one.add_argument("--cards", type=int, default=500)
    one.add_argument("--days", type=int, default=180)
    one.add_argument("--retention", type=float, default=0.9)
    one.add_argument("--weights", required=True)
    two = commands.add_parser("evaluate")
    two.add_argument("--log", required=True)
    two.add_argument("--weights", required=True)
    three = commands.add_parser("optimize")
    three.add_argument("--log", required=True)
    args = parser.parse_args()
    {"generate": generate, "evaluate": evaluate, "optimize": optimize}[args.command](args)


if __name__ == "__main__":
    main()
