package data

import _ "embed" // for go:embed

// ActorsTSV is the actor lexicon: armed groups, state forces, governments,
// coalitions, intergovernmental bodies, monitors, media and well-known
// people, with their aliases, plus the title words and organisation head
// nouns that find actors the lexicon does not name. actors.tsv opens with
// its format and where its knowledge comes from.
//
//go:embed actors.tsv
var ActorsTSV string
