package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// commonWords are the head of a news vocabulary, most frequent first: the
// generator draws ranks from a Zipf distribution, so these make up most of
// the running text as function words do in real prose.
var commonWords = strings.Fields(`
	the of and to in a said on was that for by with were at from as is had
	have he it has been after they killed its their an two three people who
	forces attack government security officials would not but this which
	city border told army group fighters civilians local near town military
	police rebels region province village district on friday sunday monday
	tuesday wednesday thursday saturday week reported least dozens several
	hundreds according statement ministry spokesman spokeswoman killed
	wounded injured fighting clashes airstrike airstrikes shelling convoy
	checkpoint ceasefire troops militants militia operation offensive
	displaced refugees camp aid humanitarian hospital school market road
	bridge area north south east west northern southern eastern western
	capital president minister commander coalition opposition protesters
	protest demonstrators arrested detained abducted released hostages
	explosion bomb roadside suicide car vehicle drone missile rocket mortar
	artillery strike strikes launched carried out claimed responsibility
	denied accused condemned warned called urged agency news media sources
	witnesses residents medical workers children women men soldiers
	police officers members leader leaders talks peace agreement deal
	negotiations election vote parliament party state national international
	united nations council human rights organization monitor observatory
	figures toll death dead bodies victims survivors attack attacks
	ambush gunmen armed unidentified suspected insurgents jihadist
	islamic state al qaeda kurdish syrian iraqi afghan yemeni somali
	libyan sudanese malian nigerian ukrainian russian turkish israeli
	palestinian lebanese iranian saudi egyptian american french british
	damascus aleppo homs idlib raqqa deir ezzor mosul baghdad kirkuk basra
	kabul kandahar helmand sanaa aden hodeidah taiz mogadishu kismayo
	tripoli benghazi misrata khartoum darfur bamako timbuktu gao maiduguri
	kyiv kharkiv donetsk luhansk mariupol gaza rafah jenin beirut tyre
`)

// syllables build the long tail of rarer words.
var syllables = strings.Fields(`ka ri ma to lu sen bar dal mir qa zu hal fen tor vi
	nak sul ber gan dor ish tam rek ol um pra sti gre lan mon dra vel kir zar`)

// vocabulary is commonWords followed by tailSize generated words.
func vocabulary(tailSize int) []string {
	r := rand.New(rand.NewPCG(7, 11))
	var words []string
	seen := map[string]bool{}
	for _, w := range commonWords {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	for head := len(words); len(words) < head+tailSize; {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

// ArticleGen makes deterministic articles of news-like text: sentences of
// Zipf-distributed words from a vocabulary of some 20,000 words, so
// full-text search meets common and rare words as in real news. Every
// backend's benchmarks and crash tests use it.
type ArticleGen struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	vocab []string
	n     int
}

// NewArticleGen returns a generator for seed.
func NewArticleGen(seed uint64) *ArticleGen {
	vocab := vocabulary(20000)
	r := rand.New(rand.NewPCG(seed, 1))
	return &ArticleGen{r: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1)), vocab: vocab}
}

func (g *ArticleGen) word() string { return g.vocab[g.zipf.Uint64()] }

func (g *ArticleGen) sentence(words int) string {
	var b strings.Builder
	for i := range words {
		w := g.word()
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if i > 2 && i < words-2 && g.r.IntN(12) == 0 {
			b.WriteByte(',')
		}
	}
	b.WriteByte('.')
	return b.String()
}

// next returns a normalized article of about words words, with a title,
// a source and, for most, a published time.
func (g *ArticleGen) Next(words int) *sitrep.Article {
	g.n++
	var body strings.Builder
	for n := 0; n < words; {
		k := 8 + g.r.IntN(18)
		if body.Len() > 0 {
			if g.r.IntN(5) == 0 {
				body.WriteString("\n\n")
			} else {
				body.WriteByte(' ')
			}
		}
		body.WriteString(g.sentence(k))
		n += k
	}
	a := &sitrep.Article{
		Input:     fmt.Sprintf("bench.jsonl:%d", g.n),
		Format:    "json",
		Source:    fmt.Sprintf("source%d.example", g.r.IntN(40)),
		URL:       fmt.Sprintf("https://source.example/news/%d", g.n),
		Title:     strings.TrimSuffix(g.sentence(6+g.r.IntN(6)), "."),
		Body:      body.String(),
		Retrieved: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.n) * time.Minute),
	}
	if g.r.IntN(10) > 0 {
		p := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(g.r.IntN(365*24)) * time.Hour)
		a.Published = &p
		a.PublishedPrecision = sitrep.PrecisionMinute
	}
	a.Normalize()
	return a
}

func (g *ArticleGen) Articles(n, words int) []*sitrep.Article {
	out := make([]*sitrep.Article, n)
	for i := range out {
		out[i] = g.Next(words)
	}
	return out
}

// Word returns the vocabulary's word of rank i (0 the most common), so a
// benchmark can ask for words of known frequency.
func (g *ArticleGen) Word(i int) string { return g.vocab[min(max(i, 0), len(g.vocab)-1)] }

// VocabularySize is the number of distinct words the generator draws from.
func (g *ArticleGen) VocabularySize() int { return len(g.vocab) }
