// Package actors finds the actors of conflict reporting in text: armed
// groups, state forces, governments, coalitions, agencies, monitors, media,
// people and generic civilians or protesters. A curated lexicon
// (data/actors.tsv) names them with their aliases; title words find people
// it lacks ("commander Abu Omar") and organisation head nouns find groups it
// lacks ("the Hamza Brigade").
package actors

import (
	"bufio"
	"fmt"
	"strings"
	"unicode"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// Kinds of actor, after ACLED's actor types.
const (
	KindStateForces       = "state forces"
	KindRebelGroup        = "rebel group"
	KindPoliticalMilitia  = "political militia"
	KindIdentityMilitia   = "identity militia"
	KindExternalForce     = "external force"
	KindIntergovernmental = "intergovernmental"
	KindMonitor           = "monitor"
	KindMedia             = "media"
	KindGovernment        = "government"
	KindCivilians         = "civilians"
	KindProtesters        = "protesters"
	KindPerson            = "person"
)

var kinds = map[string]bool{
	KindStateForces: true, KindRebelGroup: true, KindPoliticalMilitia: true,
	KindIdentityMilitia: true, KindExternalForce: true, KindIntergovernmental: true,
	KindMonitor: true, KindMedia: true, KindGovernment: true, KindCivilians: true,
	KindProtesters: true, KindPerson: true,
}

// Actor is one entry of the lexicon.
type Actor struct {
	Name    string
	Kind    string
	Country string // ISO 3166-1 alpha-2, empty for none
	Aliases []string
}

// Lexicon finds actors in text. It is safe for concurrent use.
type Lexicon struct {
	actors   []Actor
	aliases  []alias // indexed by matcher payload id
	matcher  *match.Matcher
	heads    map[string]string // organisation head noun key -> kind
	demonyms map[string]string // "syrian" -> "SY"
}

type role uint8

const (
	roleActor   role = iota
	roleContext      // a country name that is an actor only in context
	roleAnaphor      // "the army": the last-named actor of a kind
	roleTitle        // "President": a person's name follows
	roleIgnore       // a longer name to swallow and drop
)

// alias is one phrase of the lexicon as the matcher sees it.
type alias struct {
	actor int32  // index into actors, -1 for none
	kind  string // kind an anaphor refers to
	role  role
	// exact holds, per word, the surface the text must show ("IS", "US"),
	// "" where folding is enough; nil when no word is exact.
	exact []string
	// seps holds, per boundary between words, the punctuation the alias
	// has there ("." in "U.S."); nil when it has none.
	seps []string
	// capsRisk marks a one-word acronym that is also an English word
	// ("IS", "US", "WHO"), unreliable in all-capital headlines.
	capsRisk bool
}

// Load parses the built-in lexicon.
func Load() (*Lexicon, error) {
	return Parse(data.ActorsTSV)
}

// Parse reads a lexicon in the format of data/actors.tsv.
func Parse(tsv string) (*Lexicon, error) {
	l := &Lexicon{heads: make(map[string]string), demonyms: make(map[string]string)}
	b := match.NewBuilder()
	sc := bufio.NewScanner(strings.NewReader(tsv))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			return nil, fmt.Errorf("actors: line %d: %d columns, want 5 (name, kind, country, aliases, source)", n, len(cols))
		}
		if err := l.addRow(b, cols); err != nil {
			return nil, fmt.Errorf("actors: line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("actors: read lexicon: %w", err)
	}
	l.matcher = b.Build()
	return l, nil
}

func (l *Lexicon) addRow(b *match.Builder, cols []string) error {
	name, kind, country := strings.TrimSpace(cols[0]), strings.TrimSpace(cols[1]), strings.TrimSpace(cols[2])
	phrases := splitAliases(cols[3])
	switch name {
	case "*ignore":
		for _, p := range phrases {
			l.addAlias(b, p, alias{actor: -1, role: roleIgnore})
		}
		return nil
	case "*anaphor", "*title", "*org":
		if !kinds[kind] {
			return fmt.Errorf("%s: unknown kind %q", name, kind)
		}
		for _, p := range phrases {
			switch name {
			case "*anaphor":
				l.addAlias(b, p, alias{actor: -1, kind: kind, role: roleAnaphor})
			case "*title":
				l.addAlias(b, p, alias{actor: -1, kind: kind, role: roleTitle})
			case "*org":
				l.heads[tokenKey(p)] = kind
			}
		}
		return nil
	}
	if strings.HasPrefix(name, "*") {
		return fmt.Errorf("unknown rule row %q", name)
	}
	if name == "" {
		return fmt.Errorf("empty name")
	}
	if !kinds[kind] {
		return fmt.Errorf("%s: unknown kind %q", name, kind)
	}
	if country != "" && (len(country) != 2 || strings.ToUpper(country) != country) {
		return fmt.Errorf("%s: country %q is not an upper-case alpha-2 code", name, country)
	}
	id := int32(len(l.actors))
	a := Actor{Name: name, Kind: kind, Country: country}
	l.addAlias(b, name, alias{actor: id})
	for _, p := range phrases {
		r := roleActor
		if strings.HasPrefix(p, "~") {
			r, p = roleContext, "="+p[1:]
		}
		for _, exp := range expand(p) {
			if adj, ok := strings.CutPrefix(p, "forces:"); ok && country != "" {
				l.demonyms[tokenKey(adj)] = country
			}
			l.addAlias(b, exp, alias{actor: id, role: r})
			a.Aliases = append(a.Aliases, strings.TrimPrefix(exp, "="))
		}
	}
	l.actors = append(l.actors, a)
	return nil
}

func splitAliases(col string) []string {
	var out []string
	for p := range strings.SplitSeq(col, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// templates expand forces:Adj, police:Adj and government:Adj.
var templates = map[string][]string{
	"forces": {"army", "troops", "forces", "military", "soldiers", "armed forces",
		"government forces", "security forces", "air force", "warplanes", "jets",
		"navy", "special forces"},
	"police":     {"police", "policemen", "police officers", "police forces"},
	"government": {"government", "authorities", "officials", "foreign ministry", "defence ministry", "defense ministry"},
}

func expand(p string) []string {
	if t, adj, ok := strings.Cut(p, ":"); ok {
		if nouns, ok := templates[t]; ok {
			out := make([]string, len(nouns))
			for i, n := range nouns {
				out[i] = adj + " " + n
			}
			return out
		}
	}
	return []string{p}
}

// addAlias registers phrase p; a leading "=" makes every word case-exact.
func (l *Lexicon) addAlias(b *match.Builder, p string, a alias) {
	exactAll := strings.HasPrefix(p, "=")
	p = strings.TrimPrefix(p, "=")
	toks := text.Tokens(p)
	if len(toks) == 0 {
		return
	}
	var keys []string
	var exact, seps []string
	anyExact, anySep := false, false
	for i, tok := range toks {
		if i > 0 {
			sep := strings.Map(dropSpace, p[toks[i-1].ByteEnd:tok.ByteStart])
			seps = append(seps, sep)
			anySep = anySep || sep != ""
		}
		words := strings.Split(tok.Key, " ")
		pieces := splitHyphens(tok.Text)
		for j, w := range words {
			keys = append(keys, w)
			if j > 0 {
				seps = append(seps, "")
			}
			surface := ""
			if len(pieces) == len(words) && (exactAll || isAcronym(pieces[j])) {
				surface = pieces[j]
				anyExact = true
			}
			exact = append(exact, surface)
		}
	}
	if anyExact {
		a.exact = exact
	}
	if anySep {
		a.seps = seps
	}
	a.capsRisk = len(keys) == 1 && a.exact != nil && englishWords[keys[0]]
	id := int32(len(l.aliases))
	l.aliases = append(l.aliases, a)
	b.Add(strings.Join(keys, " "), id)
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// splitHyphens splits a token's text where its key has spaces: at hyphens.
func splitHyphens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' })
}

// isAcronym reports a word with upper-case letters and no lower-case ones.
func isAcronym(w string) bool {
	upper := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		upper = upper || unicode.IsUpper(r)
	}
	return upper
}

// englishWords are acronyms' folded forms that are also common words.
var englishWords = map[string]bool{
	"is": true, "us": true, "who": true, "it": true, "as": true, "am": true,
	"an": true, "or": true, "no": true, "so": true, "we": true, "me": true,
	"he": true, "be": true, "do": true, "go": true, "in": true, "on": true,
	"at": true, "to": true, "up": true, "my": true, "by": true, "of": true,
	"if": true, "aid": true, "all": true, "can": true, "may": true, "tip": true,
}

// tokenKey is the matching key of a phrase: the keys of its tokens, so a
// possessive ("Lebanon's") splits as it does in running text.
func tokenKey(p string) string {
	toks := text.Tokens(p)
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Key
	}
	return strings.Join(keys, " ")
}

// Lookup resolves a name as written (a claim's source, an event's actor) to
// its lexicon entry: a canonical name or any alias, case-insensitively, with
// or without a leading "the".
func (l *Lexicon) Lookup(name string) (Actor, bool) {
	key := tokenKey(name)
	for _, k := range []string{key, strings.TrimPrefix(key, "the ")} {
		for _, id := range l.matcher.Get(k) {
			if a := l.aliases[id]; a.actor >= 0 {
				return l.actors[a.actor], true
			}
		}
	}
	return Actor{}, false
}

// Actors returns every entry of the lexicon, in file order.
func (l *Lexicon) Actors() []Actor { return l.actors }
