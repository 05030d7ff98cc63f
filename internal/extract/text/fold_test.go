package text

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and hyphen", "Deir ez-Zor", "deir ez zor"},
		{"apostrophe dropped", "Dar'a", "dara"},
		{"curly apostrophe", "Shi\u2019ite", "shiite"},
		{"diacritics", "Ḩumaymah Al‑Būkamāl", "humaymah al bukamal"},
		{"punctuation collapses", "  U.S.-led  coalition! ", "u s led coalition"},
		{"sharp s", "Straße", "strasse"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
