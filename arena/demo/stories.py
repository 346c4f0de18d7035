"""Text fragments for practice examples, small wins, reflections and collaborations, in English.

Short pieces combined at random read like what members write, without repeating one text
hundreds of times. Everything is made up; names of real organisations are avoided. The Dutch
twin is stories_nl: same names, same order, same lengths.
"""

from __future__ import annotations

import random

from arena.demo import kinds
from arena.wins.models import StickAnswer

INITIATIVES = (
    "Job carving in the kitchen", "Work-learn route for status holders",
    "Experience experts in the job centre", "Buddy system for new colleagues",
    "Social procurement in road maintenance", "Learning company in the neighbourhood",
    "One employer desk for the region", "Debt-free at work", "Payroll service for small employers",
    "Sheltered work in regular companies", "Practice certificate in logistics",
    "The benefit-to-work coach", "Training place in the laundry", "Neighbourhood cleaning team",
    "Green maintenance with participants", "Repair café as workplace",
    "Apprenticeships in home care", "Inclusive hiring at the town hall",
    "Language and work on the shop floor", "Coffee bar run by young people",
)  # fmt: skip
#: a practice example's title when it names the organisation it runs at
EXAMPLE_AT = "{initiative} at {organisation}"
GOALS = (
    "Help people with a distance to the labour market into paid work that lasts.",
    "Make it simple for small employers to hire someone with a work disability.",
    "Give experience experts a real place in how the municipality designs support.",
    "Combine learning the language with learning a trade, from the first week.",
    "Bring work and income and the Wmo together in one conversation with residents.",
    "Create jobs from tasks that are left undone in regular teams.",
    "Keep young people without a starting qualification in view and in work.",
)
VALUES = (
    "Everyone who wants to work has something to offer.",
    "Work is more than income: it gives structure, contacts and pride.",
    "We start from what people can do, not from what they cannot.",
    "Equal partners: the employer, the job seeker and the coach decide together.",
    "Trust first; control only where it helps.",
    "Small and large organisations are equally heard.",
)
GOES_WELL = (
    "Participants stay longer than we expected; several have a permanent contract now.",
    "Employers talk to each other about it and new ones sign up by themselves.",
    "The coaches and the employers speak the same language by now.",
    "The team has become more diverse, and colleagues notice the difference.",
    "The alderman visited and now mentions it in council debates.",
    "We learn fast because we evaluate every month with the participants.",
)
GOES_LESS_WELL = (
    "Funding is yearly, so we cannot promise anyone a route longer than a year.",
    "Registration takes too much time; coaches spend a day a week on forms.",
    "Some managers still see it as charity rather than as work that needs doing.",
    "Participants fall back when the wage cost subsidy changes.",
    "Travel to the workplace is a barrier for people in the villages.",
    "We have not yet found a good way to reach young people who are not registered anywhere.",
)
CHAFES = (
    "The rules of the Participatiewet reward stopping work rather than working more hours.",
    "Procurement rules favour the lowest price, not social return.",
    "Budgets for Wmo and for work and income sit in different departments.",
    "Collective labour agreements have no pay scale for carved-out jobs.",
    "The reintegration market is organised per client, our approach per team.",
    "Privacy rules make it hard to share who needs what between organisations.",
)
DECLINE_REASON = (
    "Thank you! This initiative is very close to last session's example; could you present "
    "it next year, when you have results to share?"
)
WIN_ACTIONS = (
    "Carved out a first job", "Hired an experience expert", "Started a buddy pair",
    "Changed the intake conversation", "Dropped a form from the application",
    "Opened the canteen to trainees", "Wrote social return into a tender",
    "Agreed one contact person for employers", "Visited another arena member's practice",
    "Held a team session on inclusive hiring", "Let participants co-design the route",
    "Combined a Wmo and a work conversation", "Offered a trial placement without paperwork",
    "Shared our approach with a neighbouring municipality", "Asked clients to judge the pilot",
    "Extended a contract beyond the subsidy period", "Set up a debt-help desk at work",
)  # fmt: skip
WHAT_CHANGED = (
    "We now start from the tasks that are left undone instead of from vacancies.",
    "Colleagues see the new trainee as one of the team, not as a project.",
    "The conversation is now led by what the resident wants, not by the scheme.",
    "Our managers agreed to keep one place per team open for someone from the network.",
    "The municipality now accepts a short report instead of the full registration.",
    "We ask experience experts before we change a procedure, not afterwards.",
)
FRICTION = (
    "Finance wanted the usual tender criteria; we had to explain why price alone fails.",
    "The team worried about extra work; a trial month took the worry away.",
    "The benefit rules made a part-time contract risky for the participant.",
    "Two departments both thought the other one should pay.",
    "The regular route still takes eight weeks; ours takes one, which confused people.",
)
#: levels or policy domains a small win reached; the first two stay inside the organisation
REACH = (
    "own team", "own organisation", "municipal policy", "work and income", "Wmo/social support",
    "regional labour market", "national policy", "youth", "education",
)  # fmt: skip
#: notes beside the answers to "did it stick?"
STICK_NOTES = {
    StickAnswer.HOLDS: "Still the way we work.",
    StickAnswer.GREW: "We now do this in two more teams.",
    StickAnswer.SPREAD: "A partner organisation from the arena copied it.",
    StickAnswer.REVERSED: "Stopped after a reorganisation; we will try again.",
}
OF_VALUE = (
    "Hearing how an employer actually made room for someone.",
    "The honesty of the presenters about what does not work.",
    "Meeting people from the municipality outside a formal meeting.",
    "That clients and directors sat at the same table.",
    "The introduction on small wins gave words to what we do.",
    "New contacts I can call tomorrow.",
)
WANT_MORE_OF = (
    "Visiting each other's practice between the sessions.",
    "Employers telling their side of the story.",
    "Experience experts in every group conversation.",
    "Following up on what we promised last time.",
    "Talking about money openly, including who pays.",
)
DO_DIFFERENTLY = (
    "Ask the people involved before I write the plan.",
    "Call the employer from today's example about a trial placement.",
    "Bring a colleague from work and income to our Wmo meeting.",
    "Stop waiting for the perfect scheme and start small.",
    "Share this approach in our team meeting on Monday.",
)
COLLABORATION_TITLES = (
    "Joint job-carving pilot {place}", "Shared learning-work places {place}",
    "One employer desk {place}", "Experience experts in the Wmo consultation {place}",
    "Regional approach to youth unemployment {place}", "Social return pool {place}",
    "Buddy network for new employees {place}", "Debt help at the workplace {place}",
    "Work and Wmo kitchen-table pilot {place}", "Green jobs alliance {place}",
)  # fmt: skip
COLLABORATION_TEXT = (
    "Grew from a conversation after a practice example; the partners meet every six weeks.",
    "Started when two members visited each other's practice and saw they needed each other.",
    "A small group from the arena that shares places, knowledge and a coach.",
    "Partners pool their budgets for a trial year and report back to the arena.",
)
#: where a collaboration is when none of its organisations is known
IN_THE_REGION = "in the region"
CONSENT_SOURCES = (
    "sign-up form at a session",
    "reply to the invitation",
    "registration form on the website",
    "participant list 2014 (consent asked by email)",
    "introduced by a colleague, confirmed by email",
)
#: members' themes and interests
MEMBER_THEMES = (
    "inclusive labour market", "job carving", "experience expertise", "social return",
    "Participatiewet", "sheltered work", "youth unemployment", "debt and work",
    "health and work", "learning on the job", "status holders", "broad prosperity",
    "Wmo", "poverty", "social enterprise", "regional cooperation",
)  # fmt: skip
#: positions, sectors and policy domains as kinds.py names them
POSITIONS = kinds.POSITIONS
SECTORS: dict[str, str] = {}
DOMAINS: dict[str, str] = {}


def sentences(rng: random.Random, pool: tuple[str, ...], count: int = 2) -> str:
    """`count` different sentences from `pool`, as one paragraph."""
    return " ".join(rng.sample(pool, min(count, len(pool))))
