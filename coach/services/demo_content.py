"""The demo program: six pairs across industries and generations, in our own words.

Days are relative to the day the demo is loaded (negative = in the past). Sides are "mentor"
(the junior colleague who coaches) and "mentee" (the senior leader). Session indexes in
reflections and summaries point into ``held``.
"""

from __future__ import annotations

from coach.domain.pairs import Profile

PROGRAM = {
    "name": "Demo: Bridging Generations 2026",
    "objectives": (
        "Give senior leaders first-hand insight into how younger colleagues and customers work",
        "Give junior talent visibility, sponsorship and practice in leading a conversation",
        "Surface one process change per pair that the organisation can act on",
    ),
    "start_day": -98,
    "end_day": 84,
    "cadence_days": 14,
    "session_minutes": 45,
}
LEAD = ("morgan.ellis", "Morgan Ellis")
ADMIN = ("sam.okafor", "Sam Okafor")


def _p(title: str, generation: str, department: str, strengths: str, interests: str) -> Profile:
    return Profile(
        title, generation, department, tuple(strengths.split(", ")), tuple(interests.split(", "))
    )


# Each pair: people, held sessions (days), next planned session (day or None), goals
# (owner, text, success criteria, progress, status), action items (owner, text, due day,
# status), reflections (author, session, text), summaries (author, session, text, later
# revisions, consent state) and fit answers (mentor, mentee, the mentee's private reason).
# A pair is matched a week before the program starts unless "matched" says otherwise.
# fmt: off
PAIRS = [
    {
        "mentor": ("priya.nair", "Priya Nair", _p(
            "Data analyst", "Gen Z", "Logistics operations",
            "dashboards, SQL, short-form video", "sustainability, climbing")),
        "mentee": ("harold.brandt", "Harold Brandt", _p(
            "VP Operations", "Baby Boomer", "Logistics operations",
            "negotiation, crisis handling", "sailing, military history")),
        "held": (-91, -77, -63, -49, -35, -21, -7), "planned": 7,
        "goals": [
            ("mentee", "Read the weekly delivery dashboard without asking for a printout",
             "Harold walks the Monday meeting through the dashboard himself", 80, "open"),
            ("mentor", "Present an analysis to the regional board",
             "Priya gets a slot on the board agenda and presents", 100, "achieved"),
        ],
        "actions": [
            ("mentee", "Try the dashboard's filter for late deliveries by depot", -10, "done"),
            ("mentor", "Draft three slides for the board slot", 5, "open"),
            ("mentee", "Ask two drivers under 30 how they prefer to get shift changes", 10, "open"),
        ],
        "reflections": [
            ("mentee", 0, "I expected a tutorial and got questions instead. Priya asked what I "
             "actually decide on Mondays. Humbling that I could not say which numbers I use."),
            ("mentor", 0, "Nervous at the start. Setting ground rules helped: he agreed I can "
             "interrupt when he drifts into war stories. He laughed, which broke the ice."),
            ("mentor", 4, "He built his own filter today. I felt I could push back on his "
             "idea of a monthly printout without it being awkward. Real progress."),
        ],
        "summaries": [
            ("mentee", 0, "First session: agreed ground rules and a focus on the dashboard I "
             "use on Mondays. I will stop asking for printouts for a month.", (),
             "shared_program"),
            ("mentor", 4, "Harold filtered late deliveries by depot himself. Next: he asks "
             "younger drivers how they want shift changes announced.", (), "draft"),
            ("mentor", 2, "Learning by doing: instead of watching me demo the dashboard, Harold "
             "tried it himself in our session and learned faster.", (),
             "shared_program"),
        ],
        "fit": ("good_fit", "good_fit", ""),
    },
    {
        "mentor": ("tomas.reyes", "Tomás Reyes", _p(
            "UX designer", "Millennial", "Digital channels",
            "user research, prototyping", "accessibility, football")),
        "mentee": ("margaret.chen", "Margaret Chen", _p(
            "Chief Risk Officer", "Gen X", "Risk",
            "regulation, board reporting", "opera, long-distance running")),
        "held": (-90, -76, -61, -47, -33, -19, -5), "planned": 9,
        "goals": [
            ("mentee", "Understand why customers abandon the mobile loan application",
             "Margaret sits in on two usability tests and names the top three drop-off points",
             60, "open"),
            ("mentee", "Use plainer language in risk notices to customers",
             "One notice rewritten and tested with five customers", 30, "open"),
            ("mentor", "Learn how the risk committee weighs a product change",
             "Tomás can explain the sign-off path to his team", 90, "open"),
        ],
        "actions": [
            ("mentee", "Join Thursday's usability test as an observer", -20, "done"),
            ("mentor", "Share the recording of the abandoned-application sessions", -18, "done"),
            ("mentee", "Rewrite one risk notice with the plain-language checklist", 7, "open"),
        ],
        "reflections": [
            ("mentee", 1, "Watching a customer give up on page four was uncomfortable. Our "
             "controls are right, the way we ask for them is not."),
            ("mentor", 2, "She asked me to explain a design decision to her deputy. It felt "
             "like being tested at first; afterwards I realised it was sponsorship."),
        ],
        "summaries": [
            ("mentee", 1, "Observed a usability test. Customers drop out when asked for "
             "documents twice. I will raise a change with the product owner.",
             ("Observed a usability test. Customers drop out when asked for documents twice. "
              "I will ask the product owner for one document request, not two.",),
             "shared_partner"),
            ("mentor", 2, "Margaret asked me to present to her deputy. Agreed I prepare a "
             "five-minute version of the research.", (), "approved"),
            ("mentee", 0, "Ground rules first: honest feedback both ways, what we say stays "
             "between us, and Tomás leads the agenda.", (), "shared_program"),
            ("mentor", 3, "Learning by doing: instead of watching my slides on the loan app, "
             "Margaret tried it herself in our session and learned faster.", (), "shared_program"),
        ],
        "fit": ("good_fit", "good_fit", ""),
    },
    {
        "mentor": ("aisha.bello", "Aisha Bello", _p(
            "Registered nurse", "Gen Z", "Emergency department",
            "patient messaging apps, peer support", "community radio, running")),
        "mentee": ("werner.albrecht", "Dr Werner Albrecht", _p(
            "Chief Medical Officer", "Baby Boomer", "Executive board",
            "clinical governance", "chamber music, hiking")),
        "held": (-80, -58, -31), "planned": None,
        "goals": [
            ("mentee", "Understand what drives early-career nurses to leave within two years",
             "Werner hears from five nurses and brings one proposal to the board", 40, "open"),
        ],
        "actions": [
            ("mentee", "Visit the night shift with Aisha for an hour", -20, "open"),
        ],
        "reflections": [
            ("mentor", 1, "Two sessions moved at short notice. I do not know whether to raise "
             "it or whether that makes me look difficult."),
            ("mentee", 2, "I keep cancelling. Aisha deserves better; the board calendar eats "
             "every Tuesday. Need to protect the slot."),
        ],
        "summaries": [
            ("mentee", 2, "We discussed why young nurses leave: rota changes announced late, "
             "little say in shift swaps. I will visit a night shift.", (), "approved"),
            ("mentor", 0, "We set ground rules for honest feedback both ways and agreed that "
             "either of us can move a session with a day's notice.", (), "shared_program"),
        ],
        "fit": ("still_deciding", "good_fit", ""),
    },
    {
        "mentor": ("kenji.sato", "Kenji Sato", _p(
            "Apprentice engineer", "Gen Z", "Production engineering",
            "automation scripting, 3D printing", "esports, cycling")),
        "mentee": ("linda.kowalski", "Linda Kowalski", _p(
            "Plant director", "Gen X", "Manufacturing",
            "lean production, union relations", "gardening, local history")),
        "held": (-88, -74, -60, -45, -30, -16), "planned": 2,
        "goals": [
            ("mentee", "Decide where a collaborative robot would help the packing line",
             "A one-page case agreed with the line supervisors", 70, "open"),
            ("mentor", "Understand how the plant budget is set",
             "Kenji can read the capital plan and explain one line of it", 50, "open"),
        ],
        "actions": [
            ("mentor", "Film the packing line changeover for discussion", -25, "done"),
            ("mentee", "Ask the supervisors which task they would hand to a robot", -2, "open"),
        ],
        "reflections": [
            ("mentee", 1, "Kenji knows the line better than my reports do. I talk too much in "
             "our sessions; next time I will ask and wait."),
            ("mentor", 3, "She listened properly this time. I still feel I must prepare twice "
             "as much as she does."),
        ],
        "summaries": [
            ("mentor", 1, "Showed Linda the changeover film. We agreed the cobot case must "
             "come from the supervisors, not from us.", (), "shared_program"),
            ("mentee", 3, "I will let Kenji run the agenda. We look at the capital plan "
             "together next time.", (), "shared_partner"),
            ("mentor", 2, "Learning by doing: instead of reading the brochure on the robot "
             "simulator, Linda tried it herself in our session and learned faster.", (),
             "shared_program"),
        ],
        "fit": ("good_fit", "not_a_good_fit",
                "Our weekly schedules clash and I suspect he would gain more elsewhere."),
    },
    {
        "mentor": ("sofia.marin", "Sofia Marín", _p(
            "E-commerce specialist", "Millennial", "Online retail",
            "social commerce, analytics", "fashion upcycling, podcasts")),
        "mentee": ("raymond.hughes", "Raymond Hughes", _p(
            "Regional manager", "Baby Boomer", "Stores north",
            "store operations, coaching managers", "golf, grandchildren")),
        "held": (-60, -40), "planned": 4,
        "goals": [
            ("mentee", "Understand how customers use social media before visiting a store",
             "Raymond can name the three channels that bring most visits", 20, "open"),
            ("mentor", "Get store-floor experience for a campaign brief", "", 0, "open"),
        ],
        "actions": [
            ("mentor", "Send Raymond two campaign reports with a short explanation", -30, "open"),
        ],
        "reflections": [
            ("mentor", 0, "He called social media a fad twice. I should have asked what he "
             "has seen work instead of arguing."),
        ],
        "summaries": [
            ("mentee", 0, "We agreed ground rules: Sofia tells me plainly when I dismiss "
             "something, and what we say stays between us.", (), "shared_program"),
        ],
        "fit": ("still_deciding", "still_deciding", ""),
    },
    {
        "mentor": ("jordan.lee", "Jordan Lee", _p(
            "Junior developer", "Gen Z", "City digital services",
            "AI coding assistants, open data", "board games, urban cycling")),
        "mentee": ("colleen.obrien", "Colleen O'Brien", _p(
            "Chief Information Officer", "Gen X", "City council",
            "procurement, public accountability", "choir, allotment")),
        "held": (), "planned": 4, "matched": -6,
        "goals": [], "actions": [], "reflections": [], "summaries": [], "fit": None,
    },
]
# fmt: on

# fmt: off
# The safety pulse after each held session, by the pair's mentor: each side's first answers
# (1-5, in the order of ``coach.domain.pulse.QUESTIONS``), how much they rise per held session
# (capped at 5), and private notes (side, held-session index, text). "skip_last" leaves the
# mentor's pulse on the latest session open, so the demo shows the form.
PULSES = {
    "priya.nair": {"mentor": (3, 4, 4), "mentee": (4, 3, 3), "rise": 0.34, "skip_last": True,
                   "notes": [("mentor", 0, "I nodded along to everything; next time I will "
                                           "say it when I read the numbers differently.")]},
    "tomas.reyes": {"mentor": (4, 4, 3), "mentee": (4, 4, 3), "rise": 0.2, "notes": []},
    "aisha.bello": {"mentor": (2, 3, 3), "mentee": (4, 4, 2), "rise": 0.0,
                    "notes": [("mentor", 2, "Hard to tell a chief medical officer that the "
                                            "cancellations sting.")]},
    "kenji.sato": {"mentor": (2, 3, 4), "mentee": (3, 2, 3), "rise": 0.4, "notes": []},
    "sofia.marin": {"mentor": (3, 3, 4), "mentee": (4, 3, 4), "rise": 0.3, "notes": []},
}

# Self-assessments (1-5 per statement of ``coach.domain.outcomes.ITEMS``) at the program's
# start and at its midpoint, by the pair's mentor; None = not answered (yet).
ASSESSMENTS = {
    "priya.nair": {"mentor": ((2, 2, 2, 3, 2, 2, 3), (3, 3, 3, 4, 3, 3, 3)),
                   "mentee": ((2, 2, 3, 2, 2, 2, 3), (3, 3, 4, 3, 3, 3, 3))},
    "tomas.reyes": {"mentor": ((3, 2, 2, 3, 2, 3, 3), (4, 3, 3, 4, 3, 3, 4)),
                    "mentee": ((2, 3, 3, 3, 2, 2, 3), (3, 3, 4, 3, 3, 3, 3))},
    "aisha.bello": {"mentor": ((2, 2, 1, 3, 2, 2, 2), (2, 3, 2, 3, 3, 2, 2)),
                    "mentee": ((2, 2, 3, 3, 2, 2, 3), None)},
    "kenji.sato": {"mentor": ((2, 1, 1, 3, 2, 2, 3), (3, 3, 2, 4, 3, 3, 3)),
                   "mentee": ((3, 2, 2, 2, 3, 2, 3), (3, 3, 3, 3, 4, 3, 3))},
    "sofia.marin": {"mentor": ((3, 2, 2, 3, 3, 2, 3), None),
                    "mentee": ((2, 2, 2, 3, 2, 2, 2), (3, 2, 3, 3, 3, 3, 3))},
}
# fmt: on
