package index

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// Slug returns the URL key of a name: folded as the extractor folds names
// (lower case, no diacritics or punctuation) with hyphens for spaces, so
// "QSD: Syrian Democratic Forces" is "qsd-syrian-democratic-forces" and
// "Al Qāmishlī" is "al-qamishli". A name that folds to nothing gets a short
// hash so that it still has a key.
func Slug(name string) string {
	s := strings.ReplaceAll(text.Fold(name), " ", "-")
	if s == "" && name != "" {
		sum := sha256.Sum256([]byte(name))
		return "x" + hex.EncodeToString(sum[:4])
	}
	return s
}

// PlaceKey returns the key of a place page: its country code (lower case,
// "xx" when unknown) and the slug of its name. Two places of one name in
// one country share a key; events name places only by name and country, so
// nothing finer would match them to mentions.
func PlaceKey(country, name string) string {
	c := strings.ToLower(country)
	if c == "" {
		c = "xx"
	}
	return c + "/" + Slug(name)
}
