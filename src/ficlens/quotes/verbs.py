"""Speech and thought verbs, in the forms a speech tag uses ("said", "says", "choked out")."""

from __future__ import annotations

import re

# A word, with inner hyphens and apostrophes ("good-humoured", "Mary's") but not a trailing
# dash: in "Captain Wentworth said--" the verb is "said".
WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’]|-(?=[A-Za-z]))*")
# Not right after a title's period ("Mr. Collins replied"): put before a pattern for a stop.
NOT_AFTER_TITLE = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)"

_SPEECH = """
say said says saying ask asked asks asking reply replied replies replying answer answered answers
respond responded responds state stated states question questioned questions cry cried cries
call called calls shout shouted shouts yell yelled yells scream screamed screams whisper
whispered whispers murmur murmured murmurs mutter muttered mutters mumble mumbled mumbles
exclaim exclaimed exclaims snap snapped snaps growl growled growls hiss hissed hisses
sigh sighed sighs laugh laughed laughs chuckle chuckled chuckles giggle giggled giggles
snicker snickered scoff scoffed snort snorted sneer sneered smirk smirked grin grinned smile smiled
sob sobbed sobs sniff sniffed sniffle sniffled whine whined whimper whimpered wail wailed
groan groaned moan moaned grumble grumbled grunt grunted huff huffed pant panted gasp gasped
breathe breathed choke choked stammer stammered stutter stuttered blurt blurted
begin began begins start started starts continue continued continues add added adds
go went goes interrupt interrupted interrupts interject interjected cut
repeat repeated repeats agree agreed agrees declare declared declares announce announced
announces explain explained explains insist insisted insists protest protested protests
object objected argue argued demand demanded demands command commanded order ordered
suggest suggested suggests offer offered offers admit admitted admits confess confessed
observe observed observes remark remarked remarks note noted comment commented mention mentioned
point pointed counter countered retort retorted rejoin rejoined return returned returns
inquire inquired inquires enquire enquired enquires wonder wondered wonders think thought thinks
muse mused muses reason reasoned reflect reflected recall recalled remember remembered
beg begged plead pleaded pled urge urged warn warned warns tease teased teases taunt taunted
joke joked quip quipped drawl drawled purr purred coo cooed chirp chirped squeak squeaked
squeal squealed shriek shrieked bellow bellowed roar roared bark barked thunder thundered
call-out prod prodded prodding press pressed persist persisted assure assured reassure reassured
confirm confirmed deny denied correct corrected conclude concluded finish finished
acknowledge acknowledged promise promised swear swore vow vowed greet greeted answer
console consoled comfort comforted encourage encouraged scold scolded chide chided
cheer cheered chant chanted sing sang hum hummed manage managed venture ventured
falter faltered trail trailed sputter sputtered splutter spluttered rasp rasped croak croaked
tell told tells inform informed informs assert asserted affirm affirmed call out
echo echoed echoes assent assented interpose interposed query queried ejaculate ejaculated
implore implored mourn mourned quaver quavered entreat entreated concede conceded opine opined
puff puffed hazard hazarded simper simpered drone droned interpolate interpolated beseech
besought subjoin subjoined reiterate reiterated howl howled chatter chattered confide confided
resume resumed pursue pursued supply supplied explode exploded quote quoted complain complained
prompt prompted spoke flashed boomed nodded accosted addressed adding exclaiming
proclaim proclaimed proclaims apologise apologised apologize apologized enunciate enunciated
admonish admonished rebuke rebuked corroborate corroborated pronounce pronounced conjecture
conjectured interpret interpreted speculate speculated remind reminded advise advised
acquiesce acquiesced remonstrate remonstrated
"""
SPEECH_VERBS: frozenset[str] = frozenset(_SPEECH.split())
THOUGHT_VERBS: frozenset[str] = frozenset(
    "think thought thinks wonder wondered wonders muse mused muses reason reasoned reflect "
    "reflected recall recalled".split()
)
# Words a tag may hold between its subject and its verb: "Sasuke coldly interrupted".
TAG_FILLERS: frozenset[str] = frozenset(
    "had has have kept keeps finally then suddenly quickly quietly softly simply just only also "
    "again still almost nearly immediately instantly abruptly at length last once would".split()
)
# Nouns of a tag like "Was his empty response".
RESPONSE_NOUNS: frozenset[str] = frozenset(
    "response reply answer retort remark question voice words greeting call cry whisper "
    "exclamation observation comment rejoinder amendment injunction inquiry enquiry assurance "
    "suggestion proposal protest objection reproof apology explanation salutation "
    "interruption speech advice declaration reasoning language complaint entreaty address".split()
)
# Verbs that tag a quote with a particle: '"…," put in Kitty', '"…," broke in Davis'.
PHRASAL_SPEECH_VERBS: frozenset[str] = frozenset("put broke chimed struck cut burst".split())
NEGATIONS: frozenset[str] = frozenset("not never didn't didnt did't couldn't wouldn't".split())
# Verbs that make a speech tag only next to a quote ("She began tentatively"), not elsewhere.
WEAK_SPEECH_VERBS: frozenset[str] = frozenset(
    "begin began begins start started starts continue continued continues add added adds go went "
    "goes cut point pointed return returned returns manage managed finish finished call called "
    "calls offer offered offers note noted order ordered command commanded smile smiled grin "
    "grinned laugh laughed sigh sighed resume resumed pursue pursued supply supplied explode "
    "exploded quote quoted complain complained prompt prompted spoke flashed boomed "
    "nodded accosted addressed adding exclaiming pronounce pronounced conjecture conjectured "
    "interpret interpreted speculate speculated remind reminded advise advised acquiesce "
    "acquiesced".split()
)
