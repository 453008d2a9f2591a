/**
 * Word lists about names: titles that precede a person's name but are not part of it, and the
 * head words that make a capitalised phrase an organisation or a place. General English
 * knowledge, not fitted to any article.
 */

/** Capitalised words that are titles or parts of titles ("National Security Adviser"). */
export const TITLE_WORDS = new Set(
  (
    'mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president vice prime minister ministers secretary ' +
    'senator sen sen. rep rep. representative congressman congresswoman governor gov gov. mayor judge justice ' +
    'general gen gen. colonel col col. captain capt capt. lieutenant lt lt. sergeant sgt sgt. major maj maj. ' +
    'admiral adm adm. commander cmdr marshal brigadier king queen prince princess emperor empress crown pope ' +
    'cardinal archbishop bishop rev rev. reverend father sister sheikh ayatollah chancellor premier chairman ' +
    'chairwoman chairperson chair director ambassador envoy spokesman spokeswoman spokesperson leader adviser ' +
    'advisor deputy chief head commissioner coach manager officer inspector detective attorney counsel ' +
    'superintendent speaker chef striker midfielder goalkeeper defender forward champion president-elect ' +
    'secretary-general ceo cfo coo founder co-founder executive undersecretary under-secretary assistant ' +
    'national security foreign defense defence interior finance trade economy economic health energy ' +
    'state home affairs labour labor education environment agriculture transport justice intelligence ' +
    'first supreme senior junior acting former late'
  ).split(' '),
);

/**
 * The last word of a title: once one is seen, what follows is the name. Modifier words above
 * ("National", "Foreign") only count when one of these follows them.
 */
export const TITLE_HEADS = new Set(
  (
    'mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president minister secretary senator sen sen. rep rep. ' +
    'representative congressman congresswoman governor gov gov. mayor judge justice general gen gen. colonel col ' +
    'col. captain capt capt. lieutenant lt lt. sergeant sgt sgt. major maj maj. admiral adm adm. commander cmdr marshal ' +
    'brigadier king queen prince princess emperor empress pope cardinal archbishop bishop rev rev. reverend father ' +
    'sister sheikh ayatollah chancellor premier chairman chairwoman chairperson director ambassador envoy spokesman ' +
    'spokeswoman spokesperson leader adviser advisor chief commissioner coach manager officer inspector detective ' +
    'attorney counsel superintendent striker midfielder goalkeeper defender president-elect secretary-general ceo ' +
    'founder co-founder executive undersecretary under-secretary administrator republican democrat chair'
  ).split(' '),
);

/** Lowercase words right before a name that make it a person ("leader Kim Jong-un"). */
export const LOWER_PERSON_CUES = new Set(
  (
    'president minister secretary senator governor mayor judge general colonel captain leader spokesman spokeswoman ' +
    'spokesperson adviser advisor chairman chairwoman director ambassador envoy coach manager striker midfielder ' +
    'goalkeeper defender forward player chief officer analyst economist professor lawyer attorney candidate ' +
    'nominee rival opponent challenger incumbent lawmaker legislator congressman congresswoman senator-elect ' +
    'president-elect premier chancellor king queen prince princess dictator strongman founder ceo executive ' +
    'actor actress singer writer author author journalist correspondent reporter editor columnist diplomat ' +
    'ministers counterpart deputy aide aides wife husband son daughter mother father brother sister mr mrs ms dr'
  ).split(' '),
);

/** Last (or only) words that make a capitalised phrase an organisation. */
export const ORG_HEADS = new Set(
  (
    'ministry department party bank corp corp. corporation inc inc. ltd ltd. plc co co. company companies group council committee ' +
    'commission agency association union university college institute foundation federation league assembly ' +
    'parliament congress senate court army navy forces force police guard guards office bureau service services fund ' +
    'organisation organization holdings airlines airways motors bancorp exchange board authority administration ' +
    'government cabinet club fc times post news journal herald tribune press telegraph gazette network radio ' +
    'television tv channel systems technologies technology industries electric energy oil petroleum pharmaceuticals ' +
    'securities capital partners investments trust insurance church school hospital movement front alliance ' +
    'coalition brigade brigades battalion command corps secretariat tribunal chamber mission embassy consulate ' +
    'reserve treasury legislature society academy museum rangers rovers wanderers athletic athletico dynamo sporting ' +
    'united inc. llc ag sa nv gmbh spa bv cooperative railways railway telecom communications media studios ' +
    'entertainment pictures records magazine review daily weekly mail express observer monitor times-picayune ' +
    'caucus directorate ministry-run taskforce task-force unit division squad team newsroom newsdesk clinic institution laboratory laboratories labs'
  ).split(' '),
);

/** First words that make an organisation ("Bank of England", "University of Texas"). */
export const ORG_FIRSTS = new Set('bank university ministry department college institute court council museum church'.split(' '));

/** Last words that make a place. */
export const PLACE_HEADS = new Set(
  (
    'island islands isle river mountains mountain mount mt mt. sea ocean gulf bay valley province peninsula strait straits lake ' +
    'canal desert coast region territory territories republic kingdom street square avenue road airport park bridge ' +
    'hills beach harbour harbor county district prefecture oblast city town village heights plateau basin delta ' +
    'falls springs forest border strip'
  ).split(' '),
);

/** Compass words: "North Korea" is a place; "North" alone is nobody. */
export const COMPASS = new Set('north south east west northern southern eastern western central upper lower new'.split(' '));

/** Lowercase words right before an unknown name that make it a place ("in Yerevan"). */
export const PLACE_PREPOSITIONS = new Set('in at near outside inside across throughout into from via toward towards'.split(' '));

/** Particles inside names: "Bank of England", "Ursula von der Leyen", "Bashar al-Assad". */
export const NAME_CONNECTORS = new Set('of de da del della di du van von der den la le al el bin ibn ben dos das &'.split(' '));

/** Last words of events, laws, awards and holidays: named things, but not actors ("Liberation Day", "World Cup"). */
export const EVENT_HEADS = new Set(
  'day days war wars games cup championship championships olympics olympiad open prize award awards festival week act treaty accord accords agreement doctrine program programme initiative plan era revolution crisis tournament trophy series grand prix marathon derby classic'.split(' '),
);
