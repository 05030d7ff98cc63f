package claims

import (
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// Stances of a claim.
const (
	Assert = "assert"
	Deny   = "deny"
	Hedge  = "hedge"
)

// verbFlags say how a reporting verb behaves.
type verbFlags uint16

const (
	// vWeak verbs report only with a complement: "that", a quote, a colon,
	// "whether", or "to" for vInf verbs. "believe", "show", "call".
	vWeak verbFlags = 1 << iota
	vDeny
	vHedge
	// vObject verbs may name an addressee before the content: "told
	// reporters that", "urged the government to".
	vObject
	// vInf verbs take "to" and a verb as content: "vowed to retaliate".
	vInf
	// vPassiveHedge verbs make a sourceless hedge in the passive: "it is
	// believed that", "he is said to have".
	vPassiveHedge
	// vNounObject verbs report when their object is a proposition noun:
	// "dismissed the reports", "rejected the allegations".
	vNounObject
)

// form is the inflection of a verb token.
type form uint8

const (
	fBase form = iota // say
	fS                // says
	fPast             // said: past tense or participle
	fIng              // saying
)

// verb is one cue word of the lexicon.
type verb struct {
	lemma string
	flags verbFlags
	form  form
	// particles the verb takes ("on", "for" after "call"); required when
	// needParticle is set ("according to", "pointed out").
	particles    []string
	needParticle bool
}

// verbTable lists reporting verbs as "base s past[/participle] ing", with
// their flags. Strong verbs (no vWeak) report whenever a source or a
// content can be found around them.
var verbTable = []struct {
	forms string
	flags verbFlags
}{
	{"say says said saying", vPassiveHedge},
	{"tell tells told telling", vObject},
	{"add adds added adding", 0},
	{"state states stated stating", 0},
	{"claim claims claimed claiming", vHedge | vPassiveHedge},
	{"allege alleges alleged alleging", vHedge | vPassiveHedge},
	{"deny denies denied denying", vDeny},
	{"insist insists insisted insisting", 0},
	{"confirm confirms confirmed confirming", 0},
	{"announce announces announced announcing", 0},
	{"acknowledge acknowledges acknowledged acknowledging", 0},
	{"admit admits admitted admitting", 0},
	{"warn warns warned warning", vObject},
	{"note notes noted noting", 0},
	{"write writes wrote/written writing", 0},
	{"explain explains explained explaining", 0},
	{"argue argues argued arguing", 0},
	{"assert asserts asserted asserting", 0},
	{"declare declares declared declaring", 0},
	{"stress stresses stressed stressing", 0},
	{"emphasise emphasises emphasised emphasising", 0},
	{"emphasize emphasizes emphasized emphasizing", 0},
	{"reiterate reiterates reiterated reiterating", 0},
	{"predict predicts predicted predicting", 0},
	{"reveal reveals revealed revealing", 0},
	{"disclose discloses disclosed disclosing", 0},
	{"recall recalls recalled recalling", 0},
	{"remark remarks remarked remarking", 0},
	{"comment comments commented commenting", 0},
	{"reply replies replied replying", 0},
	{"retort retorts retorted retorting", 0},
	{"tweet tweets tweeted tweeting", 0},
	{"vow vows vowed vowing", vInf},
	{"pledge pledges pledged pledging", vInf},
	{"promise promises promised promising", vInf},
	{"urge urges urged urging", vInf},
	{"contend contends contended contending", 0},
	{"concede concedes conceded conceding", 0},
	{"mention mentions mentioned mentioning", 0},
	{"complain complains complained complaining", 0},
	{"boast boasts boasted boasting", 0},
	{"cite cites cited citing", 0},
	{"accuse accuses accused accusing", 0},
	{"blame blames blamed blaming", 0},
	{"condemn condemns condemned condemning", 0},
	{"criticise criticises criticised criticising", 0},
	{"criticize criticizes criticized criticizing", 0},
	{"slam slams slammed slamming", 0},
	{"blast blasts blasted blasting", 0},
	{"reject rejects rejected rejecting", vDeny | vNounObject},
	{"dismiss dismisses dismissed dismissing", vDeny | vNounObject},
	{"refute refutes refuted refuting", vDeny},
	{"rebut rebuts rebutted rebutting", vDeny},
	{"dispute disputes disputed disputing", vDeny | vNounObject},
	{"testify testifies testified testifying", 0},
	{"caution cautions cautioned cautioning", vObject},
	{"quip quips quipped quipping", 0},
	{"lament laments lamented lamenting", 0},
	{"confess confesses confessed confessing", 0},
	{"assure assures assured assuring", vObject},
	{"inform informs informed informing", vObject | vWeak},
	{"counter counters countered countering", 0},
	{"hint hints hinted hinting", 0},
	{"speculate speculates speculated speculating", 0},
	{"report reports reported reporting", vPassiveHedge},
	{"agree agrees agreed agreeing", vInf},
	{"demand demands demanded demanding", 0},
	{"threaten threatens threatened threatening", vInf | vWeak},
	{"respond responds responded responding", 0},
	{"ask asks asked asking", vInf},
	{"suggest suggests suggested suggesting", 0},
	{"describe describes described describing", 0},
	{"question questions questioned questioning", vWeak},
	{"praise praises praised praising", 0},
	{"endorse endorses endorsed endorsing", 0},
	{"propose proposes proposed proposing", 0},
	{"recommend recommends recommended recommending", 0},
	{"indicate indicates indicated indicating", vWeak},
	{"estimate estimates estimated estimating", vWeak | vPassiveHedge},
	{"conclude concludes concluded concluding", vWeak},
	{"observe observes observed observing", vWeak},
	{"believe believes believed believing", vWeak | vPassiveHedge},
	{"think thinks thought thinking", vWeak | vPassiveHedge},
	{"feel feels felt feeling", vWeak},
	{"know knows knew/known knowing", vWeak},
	{"hope hopes hoped hoping", vWeak | vInf},
	{"fear fears feared fearing", vWeak | vPassiveHedge},
	{"worry worries worried worrying", vWeak},
	{"expect expects expected expecting", vWeak | vInf},
	{"want wants wanted wanting", vWeak | vInf},
	{"plan plans planned planning", vWeak | vInf},
	{"decide decides decided deciding", vWeak | vInf},
	{"refuse refuses refused refusing", vWeak | vInf},
	{"show shows showed/shown showing", vWeak},
	{"find finds found finding", vWeak},
	{"understand understands understood understanding", vWeak | vPassiveHedge},
	{"suspect suspects suspected suspecting", vWeak | vPassiveHedge},
	{"rumour rumours rumoured rumouring", vWeak | vHedge | vPassiveHedge},
	{"rumor rumors rumored rumoring", vWeak | vHedge | vPassiveHedge},
	{"doubt doubts doubted doubting", vWeak},
	{"wonder wonders wondered wondering", vWeak},
	{"realise realises realised realising", vWeak},
	{"realize realizes realized realizing", vWeak},
	{"acknowledge acknowledges acknowledged acknowledging", 0},
	{"maintain maintains maintained maintaining", vWeak},
	{"recognise recognises recognised recognising", vWeak},
	{"recognize recognizes recognized recognizing", vWeak},
	{"learn learns learned/learnt learning", vWeak},
	{"hear hears heard hearing", vWeak},
	{"signal signals signalled/signaled signalling", vWeak},
	{"imply implies implied implying", vWeak},
	{"call calls called calling", vWeak | vInf},
	{"point points pointed pointing", vWeak},
	{"continue continues continued continuing", vWeak},
	{"speak speaks spoke/spoken speaking", vWeak},
	{"talk talks talked talking", vWeak},
	{"echo echoes echoed echoing", 0},
	{"express expresses expressed expressing", 0},
	{"voice voices voiced voicing", 0},
	{"liken likens likened likening", 0},
	{"compare compares compared comparing", vWeak},
	{"joke jokes joked joking", 0},
	{"outline outlines outlined outlining", 0},
	{"reference references referenced referencing", 0},
	{"mock mocks mocked mocking", 0},
	{"ridicule ridicules ridiculed ridiculing", 0},
	{"chastise chastises chastised chastising", 0},
	{"encourage encourages encouraged encouraging", vInf},
	{"label labels labelled/labeled labelling", 0},
	{"decry decries decried decrying", 0},
	{"denounce denounces denounced denouncing", 0},
	{"lambast lambasts lambasted lambasting", 0},
	{"hail hails hailed hailing", 0},
	{"laud lauds lauded lauding", 0},
	{"tout touts touted touting", 0},
	{"applaud applauds applauded applauding", 0},
	{"welcome welcomes welcomed welcoming", vWeak},
	{"appeal appeals appealed appealing", vWeak},
	{"plead pleads pleaded/pled pleading", vWeak},
	{"rule rules ruled ruling", vWeak},
	{"decline declines declined declining", vWeak | vInf},
	{"highlight highlights highlighted highlighting", vWeak},
	{"detail details detailed detailing", vWeak},
	{"acknowledge acknowledges acknowledged acknowledging", 0},
	{"recount recounts recounted recounting", 0},
	{"brag brags bragged bragging", 0},
	{"rail rails railed railing", vWeak},
	{"refer refers referred referring", vWeak},
}

// particleVerbs name the particles some verbs take, and whether the verb
// reports only with one: "called on", "pointed out", "according to".
var particleVerbs = map[string]struct {
	particles []string
	need      bool
}{
	"speak":     {[]string{"of", "about", "out", "on"}, true},
	"talk":      {[]string{"about", "of"}, true},
	"rail":      {[]string{"against"}, true},
	"refer":     {[]string{"to"}, true},
	"brag":      {[]string{"about", "of"}, false},
	"joke":      {[]string{"about", "that"}, false},
	"call":      {[]string{"on", "for", "upon"}, false},
	"point":     {[]string{"out"}, true},
	"according": {[]string{"to"}, true},
	"warn":      {[]string{"against", "of"}, false},
	"quote":     {[]string{"as"}, true},
}

// verbs maps a token key to its cue entry.
var verbs = buildVerbs()

func buildVerbs() map[string]verb {
	m := make(map[string]verb, 4*len(verbTable))
	for _, e := range verbTable {
		fs := strings.Fields(e.forms)
		lemma := fs[0]
		p := particleVerbs[lemma]
		for i, f := range fs {
			for _, w := range strings.Split(f, "/") {
				if _, dup := m[w]; dup {
					continue
				}
				m[w] = verb{lemma: lemma, flags: e.flags, form: form(i), particles: p.particles, needParticle: p.need}
			}
		}
	}
	m["according"] = verb{lemma: "according", form: fIng, particles: []string{"to"}, needParticle: true}
	m["quoted"] = verb{lemma: "quote", form: fPast, particles: []string{"as"}, needParticle: true}
	return m
}

// cueWords may be the keys of verbs and nounCues, and is not most other
// words: Find asks it about every token before looking a word up.
var cueWords = func() *text.Filter {
	f := text.NewFilter(len(verbs) + len(nounCues))
	for w := range verbs {
		f.Add(w)
	}
	for w := range nounCues {
		f.Add(w)
	}
	return f
}()

// nounCues are nouns that report with a "that" clause after them: "the
// claim that", "reports that".
var nounCues = map[string]string{
	"report": Assert, "reports": Assert, "claim": Hedge, "claims": Hedge,
	"allegation": Hedge, "allegations": Hedge, "assertion": Assert, "assertions": Assert,
	"statement": Assert, "statements": Assert, "warning": Assert, "warnings": Assert,
	"announcement": Assert, "denial": Deny, "denials": Deny, "accusation": Hedge,
	"accusations": Hedge, "suggestion": Assert, "suggestions": Assert, "insistence": Assert,
	"admission": Assert, "acknowledgment": Assert, "acknowledgement": Assert,
	"belief": Assert, "rumour": Hedge, "rumours": Hedge, "rumor": Hedge, "rumors": Hedge,
	"assurance": Assert, "assurances": Assert, "charge": Hedge, "charges": Hedge,
	"argument": Assert, "contention": Assert, "pledge": Assert, "promise": Assert,
}

// propositionNouns are objects that make "rejected", "dismissed" and
// "disputed" a denial of something said: "dismissed the reports".
var propositionNouns = map[string]bool{
	"report": true, "reports": true, "claim": true, "claims": true, "allegation": true,
	"allegations": true, "accusation": true, "accusations": true, "charge": true,
	"charges": true, "suggestion": true, "suggestions": true, "assertion": true,
	"assertions": true, "statement": true, "statements": true, "story": true,
	"stories": true, "rumour": true, "rumours": true, "rumor": true, "rumors": true,
	"idea": true, "notion": true, "criticism": true, "account": true, "accounts": true,
	"figures": true, "findings": true, "version": true, "reporting": true, "speculation": true,
	"assessment": true, "characterization": true, "characterisation": true, "premise": true,
}
