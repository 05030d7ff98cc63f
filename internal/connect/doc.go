// Package connect connects reports instead of counting them: the same text
// once, the same real event once with all its sources, and the articles
// that follow one situation as one story.
//
// Three steps run on every article that arrives:
//
//   - Near-duplicates. A MinHash signature over word shingles of the body,
//     bucketed by locality-sensitive hashing bands, finds syndicated copies
//     in constant time per article. A copy links to its original (the
//     earliest published) and adds neither sources nor events.
//   - Stories. An article joins the story whose centroid is most like it:
//     shared places, actors, events, title and lead words and proper nouns,
//     weighted by rarity, within a time window. Candidate stories come from
//     posting lists of the article's rarest keys, so the cost per article
//     does not grow with the number of stories.
//   - Events. Within a story, the events of its original articles are
//     clustered again whenever an article arrives: two reports are one event
//     when their types, actors, places (within the geo precision's distance)
//     and dates (within the time precision) agree. Clustering the whole set
//     again makes merging reversible: a later report that shows two merged
//     reports were distinct events splits them.
//
// Index is the pure in-memory core; Connector keeps it in a
// sitrep.StoryStore so that later runs continue where earlier ones stopped.
package connect
