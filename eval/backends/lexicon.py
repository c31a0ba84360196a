"""General English lexicons shared by the rule-based parts of every backend.

Only closed-class or general vocabulary lives here (speech verbs, hedges, titles, months,
nationality adjectives, organisation cue words): nothing taken from a particular article, so the
backends behave the same on any news text.
"""

from __future__ import annotations

SPEECH_VERBS = frozenset("""
say says said saying tell tells told telling add adds added adding state states stated stating
report reports reported reporting announce announces announced announcing claim claims claimed
claiming declare declares declared declaring explain explains explained explaining note notes
noted noting write writes wrote writing insist insists insisted insisting confirm confirms
confirmed confirming deny denies denied denying warn warns warned warning argue argues argued
arguing suggest suggests suggested suggesting admit admits admitted admitting acknowledge
acknowledges acknowledged acknowledging assert asserts asserted asserting reply replies replied
replying respond responds responded responding comment comments commented commenting quote quotes
quoted quoting tweet tweets tweeted tweeting predict predicts predicted predicting promise promises
promised promising reveal reveals revealed revealing disclose discloses disclosed disclosing
emphasize emphasized emphasise emphasised stress stresses stressed stressing recall recalls
recalled recalling mention mentions mentioned mentioning allege alleges alleged alleging
""".split())
"""Verbs that introduce reported speech (all inflections, so no lemmatiser is needed)."""

DENIAL_VERBS = frozenset("deny denies denied denying reject rejects rejected dismiss dismissed refute refuted".split())

NON_SPEECH_VERBS = frozenset("""
believe believes believed think thinks thought expect expects expected hope hopes hoped fear
fears feared want wants wanted know knows knew
""".split())
"""Cognition verbs: their complements are beliefs, not speech events (guidelines §2)."""

REPORT_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})

HEDGES = (
    "expected to", "may", "might", "could", "possible", "possibly", "likely", "unlikely",
    "probably", "perhaps", "believed to", "thought to", "appears to", "appear to", "seems to",
    "seem to", "reportedly", "allegedly", "potentially", "reported to", "said to", "rumoured",
    "rumored", "unconfirmed",
)
"""Hedging cues; matched as whole words inside a claim span."""

NEGATIONS = ("not", "n't", "n’t", "never", "no", "none", "nobody", "nothing", "neither", "nor")

OPINION_WORDS = frozenset("""
very symbolic important significant biggest best worst great terrible ready open willing
believe believes think thinks hope hopes effort part should must ought need needs want wants
crisis attempt clearly really expect expects going intend intends aim aims goal
historic unprecedented disastrous excellent wonderful bad good
""".split())
"""Evaluation / stance / intention words that lower check-worthiness."""

EVENT_VERBS = frozenset("""
met meet meeting visit visited visiting travel travelled traveled traveling trip arrive arrived
arrival cancel canceled cancelled killed died won lost signed sign elected announced confirmed
launched attacked invaded arrested charged voted paid rose fell increased decreased began begun
begin ended started opened closed been planning planned moved sent
""".split())

HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady madam sen sen. rep rep. gov
gov. gen gen. col col. capt capt. lt lt. sgt sgt. rev rev. st st. pres pres.
""".split())

TITLE_WORDS = frozenset("""
president vice prime minister mayor secretary foreign defense defence interior finance state
spokesman spokeswoman spokesperson chairman chairwoman chair ceo director chief senator
representative congressman congresswoman governor mayor ambassador general admiral colonel
captain commander king queen prince princess pope bishop judge justice chancellor premier
envoy diplomat deputy assistant undersecretary attorney officer official leader head
professor doctor coach manager founder executive analyst correspondent editor reporter
of the top former acting interim senior
""".split())
"""Words that may appear in a role/title before a name (stripped from PERSON spans)."""

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ORG_CUES = frozenset("""
ministry department agency news journal times post herald tribune telegraph gazette
press council committee commission parliament congress senate assembly university college
institute institution association union bank corporation corp inc ltd llc company co group
party court army navy force forces police office bureau service services foundation fund
organization organisation league federation club network broadcasting radio television tv
board authority administration
""".split())
"""Final (or any) words that mark an organisation name."""

LOC_CUES = frozenset("river mountain mountains sea ocean lake valley desert island islands coast gulf bay peninsula".split())
FAC_CUES = frozenset("airport bridge street avenue square palace hall tower stadium building station".split())
GPE_CUES = frozenset("city county province state republic kingdom".split())

NATIONALITIES = frozenset("""
American Americans British Briton Britons English French German Germans Russian Russians Chinese
Japanese Korean Koreans Indian Indians Pakistani Pakistanis Iranian Iranians Iraqi Iraqis Syrian
Syrians Israeli Israelis Palestinian Palestinians Turkish Turks Ukrainian Ukrainians Polish Poles
Italian Italians Spanish Spaniards Portuguese Dutch Belgian Swiss Swedish Swedes Norwegian
Norwegians Danish Danes Finnish Finns Greek Greeks Egyptian Egyptians Saudi Saudis Yemeni Yemenis
Afghan Afghans Mexican Mexicans Canadian Canadians Brazilian Brazilians Argentine Argentinian
Australian Australians African Africans European Europeans Asian Asians Arab Arabs Western
Eastern Soviet Muslim Muslims Christian Christians Jewish Jews Catholic Catholics Democrat
Democrats Republican Republicans Kurdish Kurds Libyan Libyans Nigerian Nigerians Kenyan Cuban
Venezuelan Colombian Chilean Peruvian Irish Scottish Welsh Austrian Hungarian Czech Serbian
Croatian Romanian Bulgarian Belarusian Georgian Armenian Lebanese Jordanian Qatari Emirati
Vietnamese Thai Filipino Indonesian Malaysian Sunni Shia Shiite
""".split())
"""Nationality / religious / political group adjectives and plurals (NORP); general lexicon."""

NATIONALITY_SUFFIXES = ("ian", "ians", "ese", "ish", "ean", "eans", "an", "ans", "i", "is")

CARDINAL_WORDS = frozenset("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred thousand million billion trillion dozen dozens hundreds thousands millions billions
""".split())
ORDINAL_WORDS = frozenset("""
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth
hundredth
""".split())
UNITS = frozenset("""
degree degrees percent per cent km kilometre kilometres kilometer kilometers mile miles metre
metres meter meters kg kilogram kilograms ton tons tonnes pound pounds foot feet inch inches
hour hours minute minutes second seconds day days week weeks month months year years acre acres
litre litres liter liters gallon gallons barrel barrels
""".split())
CURRENCY_WORDS = frozenset("dollar dollars euro euros pound pounds yen rouble roubles ruble rubles yuan".split())

RELATIVE_DATES = (
    "last week", "next week", "this week", "last month", "next month", "this month", "last year",
    "next year", "this year", "yesterday", "today", "tomorrow", "last weekend", "next weekend",
    "last night", "tonight",
)
