package actors

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

func load(t testing.TB) *Lexicon {
	t.Helper()
	l, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return l
}

// found is a mention as the tests compare it: the text it covers, the
// canonical name and the kind.
type found struct{ Text, Name, Kind string }

func (f found) String() string { return fmt.Sprintf("%q=%s(%s)", f.Text, f.Name, f.Kind) }

func TestFind(t *testing.T) {
	l := load(t)
	const (
		isil   = "Islamic State"
		gov    = KindGovernment
		rebel  = KindRebelGroup
		person = KindPerson
	)
	tests := []struct {
		name string
		in   string
		want []found
	}{
		{"derived form after hyphen", "Fighters fled to Isil-held territory near the border.",
			[]found{{"Isil", isil, rebel}}},
		{"plural demonym", "Panic spread among the Daeshis as the jets returned.",
			[]found{{"Daeshis", isil, rebel}}},
		{"upper-case acronym", "IS fighters shelled the road.",
			[]found{{"IS", isil, rebel}}},
		{"english word is not the acronym", "The road is closed and it is quiet.", nil},
		{"headline capitals", "WHY IS THE ROAD CLOSED", nil},
		{"longest match wins over US", "Aircraft of the US-led coalition struck the bridge.",
			[]found{{"US-led coalition", "US-led Coalition", KindExternalForce}}},
		{"possessive before group", "Lebanon's Hezbollah sent reinforcements.",
			[]found{{"Hezbollah", "Hezbollah", KindPoliticalMilitia}}},
		{"title before known person", "President Bashar al-Assad visited the front.",
			[]found{{"Bashar al-Assad", "Bashar al-Assad", person}}},
		{"country acting and backer", "The army, helped by Russia and Iran-backed militias, advanced.",
			[]found{{"Russia", "Government of Russia", gov}, {"Iran", "Government of Iran", gov}}},
		{"monitor after based", "A Britain-based war monitor, the Syrian Observatory for Human Rights, counted 40 dead.",
			[]found{{"Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", KindMonitor}}},
		{"country as place", "Fuel prices rose in Russia and Turkey this week.", nil},
		{"countries joined by and", "Russia and Turkey agreed on a patrol.",
			[]found{{"Russia", "Government of Russia", gov}, {"Turkey", "Government of Turkey", gov}}},
		{"border with is a place", "The enclave lies on the border with Lebanon.", nil},
		{"talks with is an actor", "Ankara held talks with Iran on Monday.",
			[]found{{"Iran", "Government of Iran", gov}}},
		{"pronoun us", "They told us forces were coming.", nil},
		{"US military", "U.S. troops and US warplanes joined the raid.",
			[]found{{"U.S. troops", "Military Forces of the United States", KindStateForces},
				{"US warplanes", "Military Forces of the United States", KindStateForces}}},
		{"anaphor resolves to last named", "The Syrian army took the hill; later the army withdrew.",
			[]found{{"Syrian army", "Military Forces of Syria", KindStateForces},
				{"the army", "Military Forces of Syria", KindStateForces}}},
		{"anaphor without antecedent", "The army withdrew.", nil},
		{"generic phrase yields to longer name", "the military forces of Armenia fired first",
			[]found{{"military forces of Armenia", "Military Forces of Armenia", KindStateForces}}},
		{"shared alias picks last named", "The Saudi-led coalition bombed the port, and the coalition later denied it.",
			[]found{{"Saudi-led coalition", "Saudi-led Coalition", KindExternalForce},
				{"the coalition", "Saudi-led Coalition", KindExternalForce}}},
		{"shared alias unresolved", "The coalition denied it.", nil},
		{"WHO acronym", "WHO said the hospital was hit, but people who fled disagreed.",
			[]found{{"WHO", "World Health Organization", KindIntergovernmental}}},
		{"exact-case alias", "Amnesty said an amnesty for deserters was void.",
			[]found{{"Amnesty", "Amnesty International", KindMonitor}}},
		{"AP acronym", "AP reported that a map was seized.",
			[]found{{"AP", "Associated Press", KindMedia}}},
		{"leader and person", "Hezbollah leader Hassan Nasrallah spoke.",
			[]found{{"Hezbollah", "Hezbollah", KindPoliticalMilitia}, {"Hassan Nasrallah", "Hassan Nasrallah", person}}},
		{"title before unknown person", "Rebel commander Abu Omar al-Shami said Gen. Qais Farhan fled.",
			[]found{{"Abu Omar al-Shami", "Abu Omar al-Shami", person}, {"Qais Farhan", "Qais Farhan", person}}},
		{"title before a place", "Wounded men reached King Fahd Hospital.", nil},
		{"unknown brigade", "Yesterday the Hamza Brigade shelled the town.",
			[]found{{"Hamza Brigade", "Hamza Brigade", rebel}}},
		{"head noun first", "The Ministry of Interior and Jaysh al-Izza issued statements.",
			[]found{{"Ministry of Interior", "Ministry of Interior", gov}, {"Jaysh al-Izza", "Jaysh al-Izza", rebel}}},
		{"possessive inside a name", "The Free People's Front attacked.",
			[]found{{"Free People's Front", "Free People's Front", rebel}}},
		{"place containing a name", "Strikes hit Sadr City and Ain al-Asad air base.", nil},
		{"generic actors", "Police dispersed protesters; two civilians died.",
			[]found{{"Police", "Police Forces", KindStateForces}, {"protesters", "Protesters", KindProtesters},
				{"civilians", "Civilians", KindCivilians}}},
		{"punctuation breaks a phrase", "They attacked the Syrian. Army units fled.", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []found
			runes := []rune(tt.in)
			for _, m := range l.Find(tt.in, text.Tokens(tt.in)) {
				if s := string(runes[m.Start:m.End]); s != m.Text {
					t.Errorf("span [%d,%d) is %q, Text %q", m.Start, m.End, s, m.Text)
				}
				got = append(got, found{m.Text, m.Name, m.Kind})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q)\n got %v\nwant %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindCodePointOffsets(t *testing.T) {
	l := load(t)
	in := "Ḩumaymah: Hezbollah and the SDF"
	got := l.Find(in, text.Tokens(in))
	want := [][2]int{{10, 19}, {28, 31}}
	if len(got) != len(want) {
		t.Fatalf("got %d mentions %v, want %d", len(got), got, len(want))
	}
	for i, m := range got {
		if [2]int{m.Start, m.End} != want[i] {
			t.Errorf("mention %d %q at [%d,%d), want %v", i, m.Text, m.Start, m.End, want[i])
		}
	}
	if got[1].Name != "QSD: Syrian Democratic Forces" || got[1].Country != "SY" {
		t.Errorf("SDF resolved to %q (%s), want QSD: Syrian Democratic Forces (SY)", got[1].Name, got[1].Country)
	}
}

func TestLookup(t *testing.T) {
	l := load(t)
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"the Observatory", "Syrian Observatory for Human Rights", true},
		{"Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", true},
		{"DAESH", "Islamic State", true},
		{"the Syrian army", "Military Forces of Syria", true},
		{"Russia", "Government of Russia", true},
		{"President Assad", "", false},
		{"a local resident", "", false},
	}
	for _, tt := range tests {
		got, ok := l.Lookup(tt.in)
		if ok != tt.ok || got.Name != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.in, got.Name, ok, tt.want, tt.ok)
		}
	}
}

func TestLexiconRows(t *testing.T) {
	l := load(t)
	seen := make(map[string]bool)
	for _, a := range l.Actors() {
		if seen[a.Name] {
			t.Errorf("actor %q listed twice", a.Name)
		}
		seen[a.Name] = true
	}
	for _, name := range []string{"Islamic State", "Hayat Tahrir al-Sham", "Military Forces of Syria",
		"US-led Coalition", "United Nations", "Reuters", "Civilians", "Protesters", "Bashar al-Assad"} {
		if !seen[name] {
			t.Errorf("lexicon lacks %q", name)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, tsv, want string
	}{
		{"columns", "ISIL\trebel group\n", "line 1: 2 columns"},
		{"kind", "X\tbandits\t\tx\tsource\n", `unknown kind "bandits"`},
		{"country", "X\trebel group\tSyria\tx\tsource\n", `country "Syria"`},
		{"rule", "*foo\trebel group\t\tx\tsource\n", `unknown rule row "*foo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.tsv)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// benchText is news-like copy written for this benchmark.
const benchText = `The US-led coalition said its jets struck Isil positions near the
border on Tuesday, while the Syrian army and Hezbollah fighters, helped by Russia,
pushed east. A Britain-based war monitor, the Syrian Observatory for Human Rights,
said 14 civilians were among the dead. Rebel commander Abu Omar al-Shami told AFP
the Hamza Brigade had withdrawn from two villages after heavy shelling. The
coalition denied hitting civilian vehicles, and the army said the road was open.
Aid convoys from the UN and the Red Cross waited at the crossing for a third day,
as residents described the shortage of bread, fuel and medicine in the town.
`

func BenchmarkFind(b *testing.B) {
	l := load(b)
	s := strings.Repeat(benchText, 50)
	toks := text.Tokens(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(l.Find(s, toks))
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(n), "mentions")
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
