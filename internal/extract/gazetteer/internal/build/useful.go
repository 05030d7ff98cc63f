package build

import (
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// UsefulAlternate reports whether usefulAlternates keeps the alternate name
// a of the place named name. Importers of fuller GeoNames dumps use it so
// that their places get the alternate names cities500 places get.
func UsefulAlternate(name, a string) bool {
	a = clean(a)
	if a == "" || isCode(a) || !hasUpper(a) || strings.Contains(a, "://") {
		return false
	}
	k := text.Fold(a)
	return k != text.Fold(clean(name)) && latinKey(k, 4)
}
