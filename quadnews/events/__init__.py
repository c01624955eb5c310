"""Events: who did what, where and when, read off the dependency parse.

A trigger (a verb or noun lemma from ``data/events.json``) opens an event; its participants
are the states, leaders, people and organizations in its subject, object and "with ... /
between ... and ..." phrases; its place is an "in/at PLACE" attached to it; its date is the
temporal expression the parse attaches to it (the nearest trigger above the date in the tree
owns the date). Members of a group are participants when the group acts ("The QUAD group
includes India, Australia, ..."). The same event mentioned twice is one event.

Modules: ``lexicon`` (the data file), ``mentions`` (what the parse says about each trigger),
``records`` (``Event`` records, merging, the states' roles).
"""

from quadnews.events.lexicon import cameo_code, event_types, lemma_of, lexicon
from quadnews.events.mentions import Mention, find_mentions, trigger_type
from quadnews.events.records import attach_events, known_members

__all__ = ["Mention", "attach_events", "cameo_code", "event_types", "find_mentions", "known_members",
           "lemma_of", "lexicon", "trigger_type"]
