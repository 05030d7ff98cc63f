package text

import (
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // Key of each token
		cps  [][2]int // code-point offsets
	}{
		{"joined words", "Deir ez-Zor's road", []string{"deir", "ez zor", "s", "road"}, [][2]int{{0, 4}, {5, 11}, {12, 13}, {14, 18}}},
		{"non-ascii offsets", "Ḩumaymah, 17 buses", []string{"humaymah", "17", "buses"}, [][2]int{{0, 8}, {10, 12}, {13, 18}}},
		{"trailing hyphen", "pro- and anti-", []string{"pro", "and", "anti"}, [][2]int{{0, 3}, {5, 8}, {9, 13}}},
		{"apostrophe inside name", "Dar'a and Shi'ite", []string{"dara", "and", "shiite"}, [][2]int{{0, 5}, {6, 9}, {10, 17}}},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var keys []string
			var cps [][2]int
			for _, tok := range Tokens(tt.in) {
				keys = append(keys, tok.Key)
				cps = append(cps, [2]int{tok.Start, tok.End})
				if got := tt.in[tok.ByteStart:tok.ByteEnd]; got != tok.Text {
					t.Errorf("byte span %q, want %q", got, tok.Text)
				}
			}
			if !reflect.DeepEqual(keys, tt.want) {
				t.Errorf("keys = %q, want %q", keys, tt.want)
			}
			if !reflect.DeepEqual(cps, tt.cps) {
				t.Errorf("offsets = %v, want %v", cps, tt.cps)
			}
		})
	}
}
