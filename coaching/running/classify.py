"""What kind of run this is: long, quality, easy, race or other.

Pure. The words come first (title, then description), in English and
Spanish, accents ignored; a run with no telling word is long when it lasts
clearly longer than the athlete's usual run, easy otherwise; anything that
is not running is "other"."""

import datetime
import re
import statistics
import unicodedata

from coaching.running.models import Kind

# Checked in this order ("race pace" is a workout, not a race; Spanish
# "carrera continua" a steady run); phrases separated by "|".
WORDS: tuple[tuple[str, str], ...] = (
    (Kind.QUALITY, "race pace|ritmo de carrera|ritmo carrera|ritmo de competicion"),
    (
        Kind.OTHER,
        "bike|cycling|ride|bici|ciclismo|swim|natacion|yoga|gym|gimnasio|rest day|descanso"
        "|strength|fuerza",
    ),
    (Kind.EASY, "carrera continua|carrera suave|carrera de recuperacion"),
    (
        Kind.RACE,
        "race|carrera|competition|competicion|marathon|maraton|media maraton|parkrun"
        "|trail race|san silvestre|dorsal",
    ),
    (
        Kind.QUALITY,
        "intervals|interval|series|serie|tempo|threshold|umbral|hills|hill repeats|cuestas"
        "|fartlek|repeats|track|pista|vo2|progressive|progresivo|cambios de ritmo",
    ),
    (Kind.LONG, "long run|long|tirada larga|tirada|rodaje largo|larga"),
    (
        Kind.EASY,
        "easy|recovery|jog|shakeout|suave|rodaje|recuperacion|regenerativo|trote|z2|zona 2",
    ),
    # A race's distance alone ("Valencia 10K"), when no other word told.
    (Kind.RACE, "5k|10k|15k|21k|42k|half|medio|21,1|42,2"),
)
# "6 x 800 m", "10x400": repetitions are a quality session whatever the title says.
REPEATS = re.compile(r"\b\d+\s*[x×]\s*\d+")
RUNNING_WORDS = ("run", "carrera", "correr", "trail")  # Run, running, TrailRun, trail_running...
# Longer than this share of the usual run, and at least LONG_MINUTES: a long run.
LONG_SHARE = 1.5
LONG_MINUTES = 75


def _plain(text: str) -> str:
    """Lower case, accents dropped: "Tirada LARGA, ritmo de competición" ->
    "tirada larga, ritmo de competicion"."""
    text = unicodedata.normalize("NFKD", text or "").lower()
    return "".join(c for c in text if not unicodedata.combining(c))


# One pattern per group, compiled once: whole words or phrases only.
PATTERNS = tuple(
    (kind, re.compile(r"\b(?:" + "|".join(map(re.escape, words.split("|"))) + r")\b"))
    for kind, words in WORDS
)


def _words_say(text: str) -> str | None:
    plain = _plain(text)
    for kind, pattern in PATTERNS:
        if kind == Kind.QUALITY and REPEATS.search(plain):
            return Kind.QUALITY
        if pattern.search(plain):
            return kind
    return None


def is_running(sport: str) -> bool:
    return any(word in _plain(sport) for word in RUNNING_WORDS)


def usual_duration(durations) -> datetime.timedelta | None:
    """The athlete's usual run: the median of the durations known."""
    known = [d for d in durations if d]
    return statistics.median(known) if known else None


def classify(
    *,
    title: str,
    description: str = "",
    sport: str = "running",
    duration: datetime.timedelta | None = None,
    usual: datetime.timedelta | None = None,
) -> str:
    if not is_running(sport):
        return Kind.OTHER
    kind = _words_say(title) or _words_say(description)
    if kind:
        return kind
    if (
        duration is not None
        and duration >= datetime.timedelta(minutes=LONG_MINUTES)
        and (usual is None or duration >= usual * LONG_SHARE)
    ):
        return Kind.LONG
    return Kind.EASY
