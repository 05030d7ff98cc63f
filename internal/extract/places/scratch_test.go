package places

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
)

func TestScratch(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil { t.Fatal(err) }
	for _, k := range []string{"laurel county", "laurel", "rapides parish", "rapides", "deir ez zor province", "deir al zor", "bukamal", "al bukamal", "humeima", "syrian desert", "of", "man", "police", "bashar", "hit", "salt", "us", "mobile", "reading", "palmyra", "alexandria", "louisiana", "georgia", "washington", "la", "the", "in", "said", "may", "march", "henry", "syria", "lebanon", "iraq", "new york", "u s", "united states", "fire", "office", "court", "force", "district", "cottonport", "avoyelles", "sheriff", "dublin", "kelleyland", "europe", "africa", "middle east", "gaza", "idlib", "aleppo", "damascus", "hasakeh", "deir ezzor", "lattakia", "tartous", "mosul"} {
		es := g.Lookup(k)
		t.Logf("%q: %d", k, len(es))
		for i, e := range es {
			if i >= 5 { break }
			t.Logf("   %s|%s|%s|%s|%s|%s pop=%d id=%d src=%s", e.Name, e.Country, e.Admin1, e.Admin2, e.Feature, e.FeatureCode, e.Population, e.ID, e.Source)
		}
	}
}
