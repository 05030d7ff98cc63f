package places

import (
	_ "embed" // for go:embed
	"fmt"
	"strings"
)

// wordClass is a bit set of the lists of words.txt a word belongs to.
type wordClass uint16

const (
	classTitle     wordClass = 1 << iota // before a person's name
	classNever                           // never a place
	classCommon                          // an English word in ambiguous positions
	classModifier                        // may precede a place in a name run
	classStreet                          // after a name: a street
	classMedia                           // after a name: a newspaper
	classConnector                       // lower case inside a name
	classHead                            // generic word closing a name
	classPrep                            // before a name: a place follows
	classAdmin                           // after a name: a first-level division
	classAdmin2                          // after a name: a second-level division
	classCity                            // after a name: a populated place
	classOrgHead                         // after a name: an institution of it
	classFirstName                       // a given name
	classSpeech                          // a verb of saying
	classGeneric                         // a word for a kind of place that heads names in other languages
)

var classNames = map[string]wordClass{
	"title": classTitle, "never": classNever, "common": classCommon,
	"modifier": classModifier, "street": classStreet, "media": classMedia,
	"connector": classConnector, "head": classHead, "prep": classPrep,
	"admintype": classAdmin, "admin2type": classAdmin2, "citytype": classCity,
	"orghead": classOrgHead, "firstname": classFirstName,
	"speech": classSpeech, "generic": classGeneric,
}

//go:embed words.txt
var wordsFile string

// parseWords reads the word lists of words.txt.
func parseWords(src string) (map[string]wordClass, error) {
	words := make(map[string]wordClass, 2048)
	var class wordClass
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			c, ok := classNames[strings.Trim(line, "[]")]
			if !ok {
				return nil, fmt.Errorf("places: words.txt:%d: unknown list %s", n+1, line)
			}
			class = c
			continue
		}
		if class == 0 {
			return nil, fmt.Errorf("places: words.txt:%d: word before any [list]", n+1)
		}
		for _, w := range strings.Fields(line) {
			words[strings.ReplaceAll(w, "_", " ")] |= class
		}
	}
	return words, nil
}
