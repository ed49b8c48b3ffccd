"""Calf, Achilles, foot and ankle: calf raise, balance and hop."""

from .builders import level, mistake, step

SINGLE_LEG_CALF_RAISE = {
    "slug": "single-leg-calf-raise",
    "name": "Single-leg calf raise",
    "summary": (
        "Rising onto the ball of one foot and lowering slowly. The calf and Achilles "
        "tendon take several times body weight at every running stride; this builds the "
        "capacity for it. The straight-knee version works the gastrocnemius, the "
        "bent-knee version the soleus."
    ),
    "key_points": [
        "Every stride loads the calf and Achilles with several times body weight.",
        "A slow lowering (three seconds) is what builds the tendon.",
        "Train both versions: straight knee (gastrocnemius) and bent knee (soleus).",
        "Compare the legs: count clean reps on each side.",
    ],
    "key_cue": "Up over the big toe, down slowly for three.",
    "focus": "calf",
    "unilateral": True,
    "equipment": "A step; a wall for balance; later a dumbbell or loaded backpack",
    "sessions_per_week_min": 2,
    "sessions_per_week_max": 3,
    "steps": [
        step(
            "Set up on the edge",
            "Stand on one foot with the ball of the foot on the edge of a step and the heel "
            "free. Fingertips on a wall for balance only, not to push.",
        ),
        step(
            "Rise",
            "Push up through the big toe and second toe as high as you can. Pause for a "
            "second at the top.",
        ),
        step(
            "Lower slowly",
            "Count three on the way down until the heel is a little below the step.",
        ),
        step(
            "No bounce",
            "Start the next rep from the bottom without bouncing: the muscle does the "
            "work, not the spring of the tendon.",
        ),
    ],
    "mistakes": [
        mistake(
            "Rolling out onto the little toe",
            "At the top the ankle rolls outward and the weight moves to the outside of the "
            "foot. The calf works less and the ankle practises an unstable position.",
            "Keep the weight over the big toe and second toe; press the floor with the "
            "base of the big toe.",
            "The heel rises straight up, in line with the second toe.",
        ),
        mistake(
            "Rushing the way down",
            "Dropping quickly lets the tendon bounce and the reps get shorter as you tire, "
            "so the hardest part of the range is skipped.",
            "Count three on every lowering and go to full height every rep; stop the set "
            "when you cannot.",
            "The last reps burn but are still full height and slow.",
        ),
    ],
    "levels": [
        level(
            "Straight knee, flat floor",
            "On the flat floor, knee straight, one hand on a wall. Learn to rise over the "
            "big toe and lower slowly.",
            support="Flat floor, hand on a wall",
            sets=3,
            reps=12,
            advance_at=20,
        ),
        level(
            "Straight knee, off a step",
            "The same on the edge of a step, heel lowering below the step for the full "
            "range. Many coaches aim for 25 clean reps per leg before loading.",
            support="Step, fingertips on a wall",
            sets=3,
            reps=15,
            advance_at=25,
        ),
        level(
            "Bent knee, off a step",
            "Knee bent about 30-40 degrees and kept bent all the way up and down, which "
            "moves the work to the soleus, the deep calf muscle that takes most of the "
            "load in running.",
            support="Step, fingertips on a wall",
            sets=3,
            reps=12,
            advance_at=20,
        ),
        level(
            "Loaded",
            "Straight or bent knee off a step while holding a dumbbell on the working side "
            "or wearing a loaded backpack. Slow lowering still matters most.",
            support="Dumbbell or loaded backpack",
            sets=3,
            reps=10,
            advance_at=12,
            load_kg="10",
            load_step="2.5",
            load_note="in the hand on the working side, or in a backpack",
        ),
    ],
}


SINGLE_LEG_BALANCE_HOP = {
    "slug": "single-leg-balance-and-hop",
    "name": "Single-leg balance and hop",
    "summary": (
        "From standing still on one leg to hopping and sticking the landing. It trains "
        "the foot and ankle to steady the body quickly, which every foot strike asks for, "
        "more so on trails and late in a long run."
    ),
    "key_points": [
        "Builds ankle stability and quick balance reactions.",
        "Landing quietly on one leg is a skill: practise it fresh, not at the end of a session.",
        "Start with reaches, hop only when landings are steady.",
    ],
    "key_cue": "Land soft and quiet, then freeze for two seconds.",
    "focus": "balance",
    "unilateral": True,
    "equipment": "None",
    "sessions_per_week_min": 2,
    "sessions_per_week_max": 3,
    "steps": [
        step(
            "Find the tripod",
            "Stand on one leg, knee soft. Spread the toes and feel the big toe, little toe "
            "and heel on the floor.",
        ),
        step(
            "Stay tall and level",
            "Keep the pelvis level and the trunk upright; let the ankle make the small "
            "corrections.",
        ),
        step(
            "Reach or hop",
            "At level 1 reach the free foot out and back; at the hop levels hop a short "
            "distance and land on the same foot.",
        ),
        step(
            "Stick it",
            "Land with a bent knee and freeze for two seconds before the next rep.",
        ),
    ],
    "mistakes": [
        mistake(
            "Stiff, loud landing",
            "Landing with a straight knee sends the shock up to the knee and hip, and the "
            "foot has no time to adjust.",
            "Land on the front of the foot and let the heel settle, bending the knee and "
            "hip together.",
            "A quiet landing that you can hold still for two seconds.",
        ),
    ],
    "levels": [
        level(
            "Balance with reaches",
            "Standing on one leg, tap the free foot forward, to the side and behind as far "
            "as you can while staying balanced. One reach in each direction is one rep.",
            support="Floor, no support",
            sets=3,
            reps=6,
            advance_at=8,
        ),
        level(
            "Hop in place and stick",
            "A small hop straight up, landing on the same foot and holding for two seconds.",
            support="Floor",
            sets=3,
            reps=6,
            advance_at=8,
        ),
        level(
            "Hop forward and sideways",
            "Hop about a foot's length forward, sideways or diagonally and stick each "
            "landing for two seconds.",
            support="Floor",
            sets=3,
            reps=6,
            advance_at=10,
        ),
    ],
}
