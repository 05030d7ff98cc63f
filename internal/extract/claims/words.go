package claims

import "strings"

// set builds a lookup set from space-separated words.
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// auxiliaries join the cue on its left: "has said", "also told", "did not
// deny". Keys are folded, so "didn't" is "didnt".
var auxiliaries = set(`has have had is was were are am be been being will would shall should s
can could may might must do does did also previously earlier later then repeatedly again once
just already publicly privately separately further still now often frequently initially
originally first recently reportedly allegedly apparently purportedly quickly immediately
flatly strongly vehemently categorically firmly angrily openly explicitly specifically
hasnt havent hadnt isnt wasnt werent arent wont wouldnt cant couldnt doesnt dont didnt
not never`)

// negations make a cue negative: "did not say", "has never denied".
var negations = set(`not never hasnt havent hadnt isnt wasnt werent arent wont wouldnt
cant couldnt doesnt dont didnt`)

// passiveAux before a participle makes the cue passive: "was reported".
var passiveAux = set(`is was were are am be been being`)

// modals before a base form make it a cue: "will say", "would tell".
var modals = set(`will would shall should can could may might must do does did to
wont wouldnt cant couldnt doesnt dont didnt`)

// temporal words sit between a source and its cue without belonging to
// either: "the coalition yesterday said", "officials on Tuesday said".
var temporal = set(`yesterday today tonight tomorrow monday tuesday wednesday thursday friday
saturday sunday morning afternoon evening night overnight weekend week month year
last late early earlier later this on previously recently now then also
january february april june july august september october november december
jan feb apr jun jul aug sep sept oct nov dec`)

// leftStops end a subject noun phrase on its left: clause words, verbs
// and auxiliaries that no subject contains.
var leftStops = set(`that which who whom whose when while where as because if although
though but since than so yet nor whether unless until whereas how why what
is are was were am be been being has have had do does did will would shall should can
could may might must not never to
hasnt havent hadnt isnt wasnt werent arent wont wouldnt cant couldnt doesnt dont didnt
there here said says say told tells added adds stated`)

// leadingTrims are dropped from the start of a source: "However,
// yesterday evening activists said" has the source "activists".
var leadingTrims = set(`however meanwhile but and so also separately moreover further
furthermore still yet then now later earlier previously recently already
yesterday today tonight monday tuesday wednesday thursday friday saturday sunday
morning afternoon evening night last late early this on in at during after before
week month weekend`)

// pronouns that can be a source.
var pronouns = set(`he she it they we i you who`)

// determiners start a noun phrase.
var determiners = set(`the a an this that these those his her its their our my your some
any many several each every both another other such`)

// adjunctNouns may follow a cue without being its content: "said in a
// statement", "told a news conference".
var adjunctNouns = set(`statement statements interview interviews speech address remarks
comments comment communique conference briefing post posts tweet tweets message video
broadcast letter session meeting email e-mail release appearance call sermon rally hearing
testimony op-ed editorial column blog report documentary podcast show programme program
forum summit event gathering debate twitter facebook instagram youtube telegram
television tv radio camera record`)

// adjunctPreps introduce an adjunct after a cue: "in a statement".
var adjunctPreps = set(`in at on during via through from after before`)

// audience nouns are addressees after "told": "told reporters that".
var audience = set(`reporters journalists newsmen press media audience crowd crowds
supporters followers parliament lawmakers legislators senators congress council assembly
delegates members residents viewers listeners readers students soldiers troops mourners
worshippers protesters demonstrators officials diplomats leaders colleagues visitors
correspondents interviewers everyone anyone nobody people them him her us me you
television tv radio`)

// personNouns head a source that "he" or "she" can refer to.
var personNouns = set(`man woman boy girl person commander spokesman spokeswoman spokesperson
official minister president prime premier leader chief head general colonel officer
governor mayor lawmaker senator congressman congresswoman representative ambassador envoy
diplomat secretary director chairman chairwoman chair king queen prince emir sheikh
cleric imam priest bishop analyst expert researcher professor doctor witness resident
activist source journalist reporter correspondent editor author candidate nominee
lawyer attorney judge prosecutor mother father brother sister son daughter husband wife
captain major lieutenant sergeant soldier fighter militant monitor negotiator mediator
mr mrs ms dr gen col lt maj capt sgt adviser advisor aide deputy founder owner ceo`)

// groupNouns head a source that "it" or "they" can refer to.
var groupNouns = set(`government army military ministry coalition alliance group militia
movement organisation organization agency observatory monitor council committee
commission company campaign party administration authority authorities police force
forces command office embassy department statement report agency network channel
newspaper paper station broadcaster website site court union bank fund institute centre
center front brigade battalion regiment unit division corps federation league
association service services board cabinet parliament congress senate house presidency
kremlin pentagon regime junta state un nato`)

// falsity words in a short content make a saying a denial: "said the
// reports were false".
var falsity = set(`untrue false baseless unfounded groundless fabricated fabrication
fabrications lie lies nonsense fake incorrect inaccurate misleading bogus rubbish`)

// hedgeWords anywhere in the cue group or content make a claim a hedge.
var hedgeWords = set(`reportedly allegedly purportedly supposedly unconfirmed unverified
rumoured rumored`)

// relatives introduce a relative clause whose antecedent is the source:
// "news reports that said", "Hezbollah, which said".
var relatives = set(`that which who whom`)

// nonSources are labels that end in a colon without being a speaker:
// "Update: ...", "Photo: ...".
var nonSources = set(`update updated note editor editors photo photos picture pictures image
images video videos watch read related see also warning breaking exclusive analysis opinion
live listen click credit credits pictured file map chart graphic transcript subscribe
advertisement q a source sources contact tags tag share follow email published posted
by via more next previous home menu search caption summary background context correction
disclaimer quote quotes question answer latest clarification corrections breaking
source note warning`)

// homographs are cue words that are also common nouns in their base or
// -s form: "the United States", "his remarks", "a tweet".
var homographs = set(`state states report reports claim claims comment comments remark remarks
tweet tweets note notes pledge pledges promise promises demand demands plan plans question
questions call calls charge charges counter counters hint hints fear fears hope hopes doubt
doubts signal signals quip quips lament laments estimate estimates answer answers reply replies
find finds show shows point points praise blast blasts slam slams rumour rumours rumor rumors
vow vows boast boasts dispute disputes concern concerns want wants warning warnings
respond testify cite quote quotes record records post posts release releases`)

// prepositions before a word make it a noun: "in remarks", "of tweets".
var prepositions = set(`in of on at for from with by about over under into onto after before
during without against among between through via per like`)

// evidenceNouns head sources that show rather than say: "polls show", "a
// study found".
var evidenceNouns = set(`poll polls study studies survey surveys analysis analyses report reports
data research review investigation investigations audit audits video videos footage photo photos
document documents records figures numbers statistics results census count tally average
averages estimate estimates findings evidence test tests probe inquiry paper papers filing
filings letter letters memo email emails transcript transcripts recording recordings image
panel commission slide slides graph graphs table tables
images map maps chart charts model models calculation calculations`)

// contentStops are words too common to tell two contents apart.
var contentStops = set(`the and that this these those there here its their them they his her him
she you your our ours was were are been being has have had will would could should may might
can cannot not also still just now then all some any more most very into onto over under
about after before than such what which who whom whose when where while with from for
said says say told tells according already again even only other others out off
per via did does doing done made make makes`)

// numberWords are counts, which figures compare and words do not.
var numberWords = set(`one two three four five six seven eight nine ten eleven twelve
hundred hundreds dozen dozens thousand thousands million millions several few scores handful
first second third`)

// purposeNouns before "to" open a purpose, which is not asserted: "in an
// attempt to reach".
var purposeNouns = set(`attempt attempts bid bids effort efforts trying tried try seeking
sought aim aiming aimed plan plans planning planned hoping hope intend intending intended
want wanted wants order`)

// clauseWords end the stretch a purpose or a count's event is read in.
var clauseWords = set(`but while whereas although though because which who when after
before since until unless whether`)

// synonyms fold the words of conflict reporting that name the same thing,
// so that "jihadists reached Isil territory" and "members crossed into
// areas the extremists control" share their fighters, their event and
// their place.
var synonyms = buildSynonyms(map[string]string{
	"event:crossed": `reach reached reaches reaching cross crossed crosses crossing enter entered
		enters entering arrive arrived arrives arriving infiltrate infiltrated`,
	"event:left": `left leave leaves leaving flee fled flees fleeing escape escaped escapes
		escaping slip slipped slipping desert deserted defect defected withdraw withdrew
		withdrawn retreat retreated abandon abandoned`,
	"event:killed": `kill killed kills killing dead die died dies dying death deaths toll slain
		execute executed massacre massacred perish perished lives`,
	"event:wounded": `wound wounded wounding injure injured injuring injuries hurt`,
	"event:detained": `arrest arrested arrests detain detained detention capture captured
		abduct abducted kidnap kidnapped`,
	"event:displaced": `displace displaced displacement uproot uprooted`,
	"event:attacked": `attack attacked attacks struck strike strikes airstrike airstrikes bomb
		bombed bombing bombings shell shelled shelling raid raided target targeted hit`,
	"fighters": `fighter fighters militant militants jihadist jihadists member members gunman
		gunmen insurgent insurgents rebel rebels extremist extremists combatant combatants
		terrorist terrorists militiaman militiamen`,
	"soldiers": `soldier soldiers troop troops serviceman servicemen`,
	"people": `people person persons resident residents villager villagers inhabitant
		inhabitants`,
	"area": `territory territories area areas zone zones region regions land lands`,
})

func buildSynonyms(classes map[string]string) map[string]string {
	m := map[string]string{}
	for class, words := range classes {
		for _, w := range strings.Fields(words) {
			m[w] = class
		}
	}
	return m
}

// normalize folds a content word to its synonym class, else to its
// singular: "members" to "fighters", "convoys" to "convoy".
func normalize(key string) string {
	if c, ok := synonyms[key]; ok {
		return c
	}
	if n := len(key); n > 4 && key[n-1] == 's' && key[n-2] != 's' {
		if c, ok := synonyms[key[:n-1]]; ok {
			return c
		}
		return key[:n-1]
	}
	return key
}

// eventOf names the event a word reports, for what a figure counts.
var eventOf = func() map[string]string {
	m := map[string]string{}
	for w, c := range synonyms {
		if ev, ok := strings.CutPrefix(c, "event:"); ok && ev != "attacked" {
			m[w] = ev
		}
	}
	return m
}()

// nounClass returns the kind of people a figure counts: "fighters" for
// jihadists and gunmen, "soldiers", "people" for persons and residents,
// "dead" and "wounded" for counts of victims; other plural nouns stand for
// themselves ("civilians", "children", "buses": a part of the people killed
// is no rival figure for all of them), and an empty noun for nothing.
func nounClass(noun string) string {
	if i := strings.LastIndexByte(noun, ' '); i >= 0 {
		noun = noun[i+1:]
	}
	switch noun {
	case "":
		return ""
	case "dead", "deaths", "fatalities", "bodies", "killed":
		return "dead"
	case "wounded", "injured", "injuries":
		return "wounded"
	case "child", "kids", "infants", "babies", "minors":
		return "children"
	case "woman":
		return "women"
	case "civilian":
		return "civilians"
	}
	if c, ok := synonyms[noun]; ok && !strings.HasPrefix(c, "event:") && c != "area" {
		return c
	}
	return noun
}

// mediaNouns head sources that report: a denial of "the reports" answers
// them.
var mediaNouns = set(`media report reports newspaper newspapers agency outlet outlets press
television website websites channel broadcaster activists witnesses`)

// articles and possessives before a cue word make it a noun or an
// adjective; "some" or "many" before it are a subject ("some say").
var articles = set(`the a an his her its their our my your`)
