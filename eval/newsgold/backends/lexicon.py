"""General English lexicons shared by the rule-based parts of every backend.

POLICY (project hard rule): general lexicons only. Nothing in this package may be built from the
seed article or any other evaluation text -- no gazetteers of its names, no patterns of its
sentences, no words picked to fix its errors. Every list below is a broad, closed-class or
general-vocabulary list of the kind a linguist would write without seeing any article, and says
where its categories come from: grammars of English (Quirk et al. 1985; Biber et al. 1999;
Huddleston & Pullum 2002), Appraisal theory (Martin & White 2005), hedging studies (Lakoff 1973;
Hyland 1998), the ACE 2005 event types and the OntoNotes 5.0 name categories. Lists are
extended by adding whole categories or their missing members, never single words because one
document needs them; ``tests/test_backends_generalise.py`` checks that the seed article's names
do not appear anywhere under ``eval/newsgold/backends``. Measure changes on the held-out set
(``tests/data/heldout``), never tune on it.
"""

from __future__ import annotations


def _forms(spec: str) -> frozenset[str]:
    """All forms of the verbs in ``spec`` (whitespace-separated entries).

    An entry is a base form (regular inflection: -s/-es/-ies, -ed/-d/-ied, -ing with silent-e
    dropped), ``base+`` (final consonant doubled: ban -> banned, banning) or ``base|form|form``
    (irregular or extra forms given explicitly, regular -s and -ing still derived).

    >>> sorted(_forms("visit ban+ meet|met try"))
    ['ban', 'banned', 'banning', 'bans', 'meet', 'meeting', 'meets', 'met', 'tried', 'tries', 'try', 'trying', 'visit', 'visited', 'visiting', 'visits']
    """
    out: set[str] = set()
    for entry in spec.split():
        double = entry.endswith("+")
        base, *extra = entry.rstrip("+").split("|")
        stem = base + base[-1] if double else base
        if base.endswith(("s", "x", "z", "ch", "sh")):
            third = base + "es"
        elif base.endswith("y") and base[-2:-1] not in "aeiou":
            third = base[:-1] + "ies"
        else:
            third = base + "s"
        if base.endswith("ie"):
            ing = base[:-2] + "ying"
        elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
            ing = base[:-1] + "ing"
        else:
            ing = stem + "ing"
        out.update((base, third, ing, *extra))
        if not extra:  # regular past / participle
            if base.endswith("e"):
                out.add(base + "d")
            elif base.endswith("y") and base[-2:-1] not in "aeiou":
                out.add(base[:-1] + "ied")
            else:
                out.add(stem + "ed")
    return frozenset(out)


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
concede concedes conceded conceding contend contends contended contending remark remarks
remarked remarking reiterate reiterates reiterated reiterating testify testifies testified
testifying complain complains complained complaining caution cautions cautioned cautioning vow
vows vowed vowing pledge pledges pledged pledging underscore underscores underscored underscoring
agree agrees agreed agreeing urge urges urged urging cite cites cited citing observe observes
observed observing point points pointed pointing emphasizes emphasizing emphasises emphasising
ask asks asked asking
""".split())
"""Verbs that introduce reported speech (all inflections, so no lemmatiser is needed)."""

DENIAL_VERBS = frozenset("deny denies denied denying reject rejects rejected dismiss dismissed refute refuted".split())


REPORT_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})

HEDGES = (
    # epistemic modals and adjectives/adverbs of possibility (Lakoff 1973; Hyland 1998)
    "may", "might", "could", "possible", "possibly", "likely", "unlikely", "probable",
    "probably", "perhaps", "maybe", "potentially", "conceivably", "presumably", "apparently",
    # raising / evidential passives: the source is left vague
    "expected to", "believed to", "thought to", "understood to", "estimated to", "feared to",
    "reported to", "said to", "appears to", "appear to", "seems to", "seem to",
    # report adverbs and unverified status
    "reportedly", "allegedly", "purportedly", "supposedly", "rumoured", "rumored", "unconfirmed",
)
"""Hedging cues; matched as whole words inside a claim span."""


# --- check-worthiness cues ------------------------------------------------------------------
# A claim that carries an evaluation, a stance, an intention or a belief is not check-worthy
# (guidelines §3). The categories and most entries follow standard descriptions of evaluative and
# stance language, not any article: Appraisal theory (Martin & White 2005, *The Language of
# Evaluation*: affect, judgement, appreciation), stance adverbials (Biber et al. 1999, *Longman
# Grammar of Spoken and Written English* §10.2), amplifiers (Quirk et al. 1985, *A Comprehensive
# Grammar of the English Language* §8.104ff.), deontic modality (Palmer 2001, *Mood and
# Modality*) and private / volitional verbs (Quirk et al. 1985 §16.35). Words whose most
# frequent news sense is factual were left out on purpose, whatever the category: fine (a
# penalty), fair (an event), right (a direction, an entitlement), poor (not rich), hard, strong,
# weak, major, key, critical (a medical condition), positive/negative (test results), serious,
# successful, open, prepared, plan (an approved plan is an event), attempted (attempted murder),
# crisis / scandal (often the name of a factual episode), biggest / largest (measurable size).
_OPINION_CATEGORIES: dict[str, str] = {
    # Appraisal: appreciation (quality, significance, valuation)
    "appreciation": """
        good bad great greater greatest better best worse worst excellent terrible awful wonderful
        fantastic brilliant superb nice lovely horrible dreadful disastrous catastrophic tragic
        remarkable extraordinary outstanding impressive disappointing shocking outrageous
        appalling unacceptable acceptable ridiculous absurd unfair unjust legitimate illegitimate
        reasonable unreasonable sensible appropriate inappropriate important unimportant
        significant insignificant crucial vital essential necessary unnecessary meaningful
        meaningless momentous historic unprecedented ideal perfect beautiful ugly difficult easy
        tough dangerous risky harmful beneficial useful useless valuable worthless effective
        ineffective helpful unhelpful pointless welcome unwelcome controversial
    """,
    # Appraisal: judgement (of people's behaviour)
    "judgement": """
        brave courageous cowardly honest dishonest corrupt incompetent competent reckless
        irresponsible arrogant naive wise unwise foolish clever stupid cruel generous selfish
        hypocritical shameful disgraceful heroic rude
    """,
    # Appraisal: affect (emotional states)
    "affect": """
        happy unhappy sad angry furious upset worried concerned afraid anxious fearful proud
        pleased displeased delighted disappointed frustrated optimistic pessimistic hopeful
        confident glad sorry grateful thankful shocked saddened dismayed outraged alarmed
    """,
    # evaluative nouns (Appraisal, nominal realisations)
    "evaluative_nouns": """
        mistake mistakes disgrace shame outrage travesty fiasco disaster disasters catastrophe
        tragedy nonsense farce blunder blunders
    """,
    # stance adverbials: epistemic certainty and attitude (Biber et al. 1999)
    "stance_adverbs": """
        clearly obviously certainly surely definitely undoubtedly doubtless evidently really
        truly actually indeed frankly honestly fortunately unfortunately hopefully sadly luckily
        regrettably interestingly surprisingly importantly arguably admittedly
    """,
    # amplifiers (Quirk et al. 1985)
    "amplifiers": """
        very extremely incredibly absolutely utterly hugely enormously deeply terribly awfully
        immensely tremendously remarkably exceptionally
    """,
    # deontic modality: obligation / necessity
    "deontic": "should must ought need needs",
    # volition and intention: verbs and nouns
    "intention": """
        want wants wanted wanting wish wishes wished hope hopes hoped hoping intend intends
        intended intending intention intentions aim aims aimed aiming goal goals objective
        objectives purpose purposes ambition ambitions effort efforts attempt attempts seek seeks
        seeking strive strives striving desire desires
    """,
    # readiness / willingness / commitment (stance adjectives taking a to-infinitive)
    "readiness": "ready willing unwilling eager keen reluctant determined committed inclined",
    # private (cognition) verbs: beliefs, not facts; factive "know" is left out
    "cognition": """
        believe believes believed think thinks thought feel feels felt doubt doubts doubted expect
        expects expected expecting assume assumes assumed suppose supposes supposed imagine
        imagines fear fears feared reckon reckons convinced
    """,
}
OPINION_WORDS = frozenset(w for words in _OPINION_CATEGORIES.values() for w in words.split())
"""Evaluation / stance / intention / belief words that make a claim not check-worthy."""

RAISING_PARTICIPLES = frozenset("expected believed thought supposed feared".split())
"""Cognition participles that, followed by "to", form a hedge ("is expected to arrive", "is
believed to have fled"): the claim is then a hedged statement of fact, not an opinion, so these
do not count as opinion cues in that construction (see :data:`HEDGES`)."""

# Event vocabulary of news, organised by the event types of the ACE 2005 annotation guidelines
# (Life, Movement, Transaction, Business, Conflict, Contact, Personnel, Justice) plus the
# change-of-state and quantity-change verbs of financial / sports / disaster reporting. Verbs are
# listed by base form and inflected by :func:`_forms`; nouns are listed as they are.
_EVENT_VERB_SPEC = """
    visit travel|travelled|traveled|travelling|traveling arrive depart leave|left return
    fly|flew|flown land tour cross flee|fled evacuate move relocate deport extradite
    meet|met host hold|held sign agree negotiate ratify summon expel withdraw|withdrew|withdrawn
    elect vote appoint nominate resign sack replace approve pass veto ban+ impose lift sanction
    pardon swear|swore|sworn inaugurate enact repeal legislate
    attack invade bomb shell strike|struck shoot|shot kill die|died injure wound capture seize
    occupy raid detain arrest kidnap+ release deploy clash fight|fought surrender retreat
    charge convict sentence jail imprison acquit sue fine rule indict prosecute try plead
    appeal overturn uphold|upheld execute investigate
    rise|rose|risen fall|fell|fallen increase decrease drop+ grow|grew|grown shrink|shrank|shrunk
    climb slump surge soar plunge double triple halve
    pay|paid buy|bought sell|sold acquire merge invest earn lose|lost spend|spent cut+|cut hire
    fire lay|laid close open launch produce export import raise borrow lend|lent owe default
    file post book record
    win+|won beat|beaten defeat score draw|drew|drawn qualify transfer
    crash collapse flood burn|burnt erupt explode hit+|hit destroy damage sink|sank|sunk
    spread|spread
    begin+|began|begun start end finish complete cancel|cancelled|canceled|cancelling|canceling
    postpone delay suspend resume halt stop+ build|built demolish found establish create
    introduce publish issue send|sent receive deliver
    infect vaccinate diagnose hospitalise hospitalize treat marry divorce bear|bore|born
"""
EVENT_NOUNS = frozenset("""
meeting meetings summit summits talks visit visits trip trips tour arrival departure journey
election elections vote votes referendum ballot campaign inauguration resignation appointment
attack attacks bombing strike strikes war invasion shooting killing killings death deaths
explosion crash collision earthquake flood floods fire fires storm hurricane outbreak
arrest arrests trial verdict sentence ruling lawsuit indictment conviction hearing appeal
deal deals agreement treaty accord merger acquisition takeover sale purchase closure closures
layoffs launch release protest protests demonstration riot ceasefire sanctions match game
transfer injury surgery payment loan bankruptcy
""".split())
EVENT_VERBS = _forms(_EVENT_VERB_SPEC)
"""Verbs of news events, all inflections (ACE 2005 event types; see the comment above)."""

# Simple past forms of the common English irregular verbs (the standard list of about 100 verbs
# taught in grammars of English): a finite verb with no -ed ending, for telling a clause from a
# noun phrase.
IRREGULAR_PAST = frozenset("""
arose awoke was were bore beat became began bent bet bid bit bled blew broke brought built burnt
burst bought caught chose came cost crept cut dealt dug did drew drank drove ate fell fed felt
fought found fled flew forbade forgot forgave froze got gave went grew hung had heard hid hit held
hurt kept knew laid led leapt left lent let lay lit lost made meant met paid put quit read rode
rang rose ran said saw sought sold sent set shook shone shot showed shut sang sank sat slept slid
spoke sped spent spun split spread sprang stood stole stuck stung struck swore swept swam swung
took taught tore told thought threw understood woke wore wove won wound wrote withdrew upheld
""".split())

# --- clause boundaries ----------------------------------------------------------------------
# Subordinating conjunctions of English (Quirk et al. 1985 §14.11-14.12; Huddleston & Pullum 2002
# ch. 8). SPLITTING ones introduce an adverbial clause with a proposition of its own (time,
# reason, concession, contrast, place), which the guidelines make a claim of its own (§3 "an
# adverbial clause carrying a proposition of its own"). The others are deliberately absent, so
# they stay inside the clause they modify: conditions and purposes are not asserted (if, unless,
# so that ...), and "as", "than", "whether" are mostly prepositions, comparatives or complementisers.
SUBORDINATORS_SPLIT = (
    "after", "although", "though", "even though", "because", "before", "since", "until", "till",
    "when", "whenever", "where", "wherever", "whereas", "while", "whilst", "once", "now that",
    "as soon as", "given that",
)
SUBORDINATOR_PREMODIFIERS = (
    "long", "shortly", "soon", "just", "right", "well", "immediately", "even", "ever", "only",
)
"""Degree modifiers a subordinator can take as one unit (Quirk et al. 1985 §14.12: "shortly
after", "long before", "ever since", "just as", "even though", "only when")."""
COORDINATORS = ("and", "but", "yet")
"""Clause coordinators that start a new proposition after a comma (or/nor/so are left alone:
alternatives and results are not separate claims)."""
CONJUNCTIVE_ADVERBS = (
    "however", "nevertheless", "nonetheless", "meanwhile", "moreover", "furthermore",
    "therefore", "consequently",
)
"""Linking adverbials (Quirk et al. 1985 §8.134ff.) that start a new clause after a comma or
semicolon."""

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
professor doctor coach manager founder executive analyst correspondent editor reporter adjutant
administrator commissioner advisor adviser chef
of the top former acting interim senior financial operating
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
technologies energy mutual capital research holdings partners systems industries airlines
airways motors pharmaceuticals labs laboratories insurance media daily weekly communications
electronics ventures securities investments trust solutions logistics entertainment studios
publishing software networks enterprises consulting associates brands
""".split())
"""Final (or any) words that mark an organisation name."""

EVENT_NAME_CUES = frozenset("""conference summit olympics games festival championship championships
cup tournament expo forum convention marathon""".split())
"""Final words of an event name ("... Developer Conference", "... World Cup"): OntoNotes EVENT."""
STORM_WORDS = frozenset("cyclone hurricane typhoon".split())
"""Heads of storm names ("Hurricane X"): OntoNotes EVENT."""
GPE_SUFFIXES = frozenset("states kingdom republic emirates federation".split())
"""Final words of a country name ("... States", "... Kingdom"): GPE, not ORG."""
APPROXIMATORS = (
    "about", "around", "roughly", "nearly", "almost", "approximately", "some", "more than",
    "less than", "fewer than", "up to", "at least", "at most", "as many as", "as much as",
    "just over", "just under", "close to", "upwards of", "an estimated", "well over",
)
"""Approximators kept inside numeric spans (OntoNotes practice: "about 640", "more than 12")."""
DATE_MODIFIERS = ("early", "late", "mid", "last", "next", "this", "earlier", "later", "past", "coming")
"""Modifiers inside a date span ("late Tuesday", "early next year", "last Wednesday")."""
PLACE_TITLE_WORDS = frozenset("mayor governor premier".split())
"""Titles whose capitalised premodifier is a place ("<City> Mayor X")."""

COUNTRIES = frozenset(line.strip() for line in """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain
Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|Brunei|Bulgaria
Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia
Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|El Salvador
Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada
Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy
Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia
Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius
Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal
Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau
Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda
Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia
South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan
Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine
United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam
Yemen|Zambia|Zimbabwe|America|Britain|Great Britain|England|Scotland|Wales|Korea|U.S.|US|USA|U.S.A.|UK|U.K.
PRC|EU|DPRK|ROK
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois
Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri
Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio
Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont
Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico|Guam
""".replace("\n", "|").split("|") if line.strip())
"""Countries (short names), common country abbreviations and U.S. states: a gazetteer of GPEs
(general geography, not drawn from any text). A mention that is exactly one of these is GPE."""

US_STATE_CODES = frozenset("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT
NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU""".split())
"""U.S. postal codes of states and territories, as in a legislator's party-state tag "(D-NY)"."""

FREQUENCY_ADVERBS = frozenset("daily weekly monthly quarterly yearly annually hourly nightly biweekly".split())
"""Frequency adverbs are not DATE mentions ("meets quarterly"): no date is named."""

NON_CLAIM_OPENERS = (
    # thanks, greetings, wishes, feelings and courtesies are not propositions (guidelines §5.4, §5.5)
    "thank", "thanks", "congratulate", "congratulations", "look forward", "looks forward",
    "hope", "hopes", "wish", "wishes", "welcome", "am proud", "are proud", "am excited",
    "are excited", "am thrilled", "am honored", "am honoured", "couldn't be prouder",
    "couldn’t be prouder", "am pleased", "am delighted", "am grateful", "are grateful",
    # calls to action (guidelines §5.4: "we must act" is not a claim)
    "urge", "must", "need to", "call on", "call upon", "ask my colleagues",
)
"""Openers (after an optional first-person subject) of clauses that state no proposition."""

CREDIT_LINE_CUES = ("contributed to this report", "contributed reporting", "for more information",
                    "media contact", "photo credit", "is available online", "can be found online")
"""Phrases of credit lines and page furniture: never claims (guidelines §5.1)."""

BELIEF_VERBS = frozenset("think thinks thought believe believes believed know knows knew feel feels felt".split())
"""Belief and knowledge verbs of a speaker's frame "I think P": the frame is attribution (§5.5 c)."""

CELESTIAL_BODIES = frozenset("Moon Earth Mars Venus Jupiter Saturn Mercury Neptune Uranus Pluto Sun".split())
"""Capitalised names of celestial bodies: LOC (guidelines §5.2; "Earth" used attributively too)."""

LAW_HEADS = frozenset("treaty act agreement accord accords convention protocol charter amendment bill code".split())
"""Capitalised heads of names of laws and treaties ("... Reduction Treaty", "... Jobs Act"): LAW."""

FAC_HEADS = frozenset("""complex headquarters base capitol airport bridge highway tunnel dam pier port
station pad range stadium arena tower palace hall building memorial monument cathedral""".split())
"""Capitalised heads of names of facilities ("Pier Launch Complex 7", "... Air Force Base"): FAC."""

ORG_HEADS = frozenset("""caucus office chamber committee council agency administration department ministry
commission foundation institute university association corporation company directorate bureau
service laboratory center centre school academy college""".split())
"""Capitalised heads that make a multi-word name an organisation (not a PERSON, FAC or GPE)."""

CRAFT_NOUNS = frozenset("""spacecraft satellite satellites rocket rockets rover rovers lander orbiter probe
capsule telescope instrument instruments polarimeter spectrometer ship ships submarine aircraft jet jets drone
drones missile missiles vessel vehicle""".split())
"""Generic nouns after the name of a vehicle, craft or instrument ("the Corvane capsule"): the name is PRODUCT
(guidelines §5.2)."""
PROGRAMME_NOUNS = frozenset("mission missions program programme project campaign".split())
"""Generic nouns after the name of a mission or programme ("the Heron program"): the name is EVENT."""
PROGRAMME_PARTS = frozenset("team scientist scientists executive manager managers director".split())
"""Nouns after a mission's name that name its people ("the X team"): the name stays the mission's, EVENT."""
PRODUCT_HEADS = frozenset("""telescope satellite rover lander orbiter capsule polarimeter spectrometer
spectrograph radiometer spacecraft rocket""".split())
"""Capitalised heads that make a multi-word name a craft or instrument ("... Space Telescope"): PRODUCT."""

LOC_CUES = frozenset("river mountain mountains sea ocean lake valley desert island islands coast gulf bay peninsula".split())
FAC_CUES = frozenset("airport bridge street avenue square palace hall tower stadium building station".split())

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
Austrian Austrians Taiwanese Singaporean Singaporeans Nepali Bangladeshi Burmese Cambodian
Mongolian Kazakh Uzbek Azerbaijani Estonian Latvian Lithuanian Slovak Slovenian Bosnian Albanian
Macedonian Moldovan Icelandic Moroccan Moroccans Algerian Algerians Tunisian Sudanese Ethiopian
Ethiopians Somali Somalis Ugandan Tanzanian Ghanaian Senegalese Zimbabwean Congolese Rwandan
Malian Cameroonian Angolan Zambian Namibian Tibetan Tibetans Hindu Hindus Sikh Sikhs Buddhist
Buddhists Protestant Protestants Hispanic Latino Latinos Scandinavian Nordic Baltic Balkan
Caribbean Venezuelans Colombians Cubans Chileans Haitian Haitians Jamaican Jamaicans Scots
Hungarians Czechs Serbs Croats Romanians Bulgarians Georgians Armenians Jordanians Qataris
Emiratis Filipinos Indonesians Malaysians Thais Irishmen Belgians Austrians Swiss
""".split())
"""Nationality / religious / political group adjectives and plurals (NORP); general lexicon."""

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
litre litres liter liters gallon gallons barrel barrels millimetre millimetres millimeter
millimeters centimetre centimetres centimeter centimeters hectare hectares mph kph knots
megawatt megawatts gigawatt gigawatts tonne
""".split())
CURRENCY_WORDS = frozenset("dollar dollars euro euros pound pounds yen rouble roubles ruble rubles yuan".split())

RELATIVE_DATES = (
    "last week", "next week", "this week", "last month", "next month", "this month", "last year",
    "next year", "this year", "yesterday", "today", "tomorrow", "last weekend", "next weekend",
    "last night", "tonight",
)
