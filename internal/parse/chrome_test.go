package parse

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseChromeLine(t *testing.T) {
	tests := []struct {
		name string
		line string
		at   where
		want chrome
		ok   bool
	}{
		{"blank fields", "Published: 4 years ago | Country: , , |  Topics: , , | Comments: No Comments", where{dates: true},
			chrome{published: "4 years ago", comments: "No Comments"}, true},
		{"filled fields", "Published: 2 days ago | Country: Syria, Iraq | Topics: Conflict, Refugees | Comments: 3 Comments", where{dates: true},
			chrome{published: "2 days ago", countries: []string{"Syria", "Iraq"}, topics: []string{"Conflict", "Refugees"}, comments: "3 Comments"}, true},
		{"upper case and odd spacing", "PUBLISHED :5 YEARS AGO|COUNTRY:SYRIA ,  ,LEBANON|topics :  , ,", where{dates: true},
			chrome{published: "5 YEARS AGO", countries: []string{"SYRIA", "LEBANON"}}, true},
		{"blank published", "Published: | Country: , ,", where{dates: true}, chrome{}, true},
		{"countries with semicolons", "Countries: Syria; Iraq", where{dates: true}, chrome{countries: []string{"Syria", "Iraq"}}, true},
		{"tags as topics", "Tags: ceasefire, aid", where{dates: true}, chrome{topics: []string{"ceasefire", "aid"}}, true},
		{"bullet separators", "Posted 3 hours ago • Country: Yemen • 14 Comments", where{dates: true},
			chrome{published: "3 hours ago", countries: []string{"Yemen"}, comments: "14 Comments"}, true},
		{"middle dot separators", "August 30, 2017 · No Comments", where{dates: true}, chrome{published: "August 30, 2017", comments: "No Comments"}, true},
		{"comments count alone", "1 Comment", where{dates: true}, chrome{comments: "1 Comment"}, true},
		{"comments in brackets", "Comments (12)", where{dates: true}, chrome{comments: "Comments (12)"}, true},
		{"comments closed", "Comments Off", where{dates: true}, chrome{comments: "Comments Off"}, true},
		{"published on with absolute date", "Published on: 30 Aug 2017 14:05 GMT", where{dates: true}, chrome{published: "30 Aug 2017 14:05 GMT"}, true},
		{"published without colon", "Published 5 years ago", where{dates: true}, chrome{published: "5 years ago"}, true},
		{"posted on", "Posted on August 30, 2017", where{dates: true}, chrome{published: "August 30, 2017"}, true},
		{"date alone", "August 30, 2017", where{dates: true}, chrome{published: "August 30, 2017"}, true},
		{"posted on a date by a name", "Posted on Friday, 2 October 2026 at 11:00 by Sam Lee", where{}, chrome{published: "Friday, 2 October 2026 at 11:00", byline: "Sam Lee"}, true},
		{"date by a name", "30 Aug 2017 by Sam Lee", where{dates: true}, chrome{published: "30 Aug 2017", byline: "Sam Lee"}, true},
		{"syndication credit", "This article was supplied by Meridian Wire.", where{}, chrome{}, true},
		{"dash credit where bylines sit", "— Meridian Wire", where{bylines: true}, chrome{byline: "Meridian Wire"}, true},
		{"dash credit elsewhere", "— Meridian Wire", where{dates: true}, chrome{}, false},
		{"dash before prose", "- and then the shelling resumed", where{bylines: true}, chrome{}, false},
		{"updated is chrome but not the publication date", "Updated: 2 hours ago", where{dates: true}, chrome{}, true},
		{"written by", "Written by The Harbour Gazette", where{dates: true}, chrome{byline: "The Harbour Gazette"}, true},
		{"written by lower case", "written by jane doe", where{dates: true}, chrome{}, false},
		{"by line where bylines sit", "By Jane Doe", where{bylines: true, dates: true}, chrome{byline: "Jane Doe"}, true},
		{"by line elsewhere", "By Jane Doe", where{dates: true}, chrome{}, false},
		{"by with agency", "By Jane Doe, Reuters", where{bylines: true, dates: true}, chrome{byline: "Jane Doe, Reuters"}, true},
		{"by with job title", "By Jane Doe, Middle East correspondent", where{bylines: true, dates: true}, chrome{byline: "Jane Doe"}, true},
		{"by two names", "By Jane Doe and Omar Al-Masri", where{bylines: true, dates: true}, chrome{byline: "Jane Doe and Omar Al-Masri"}, true},
		{"by and date", "By Jane Doe | Published: 3 hours ago", where{bylines: true, dates: true}, chrome{byline: "Jane Doe", published: "3 hours ago"}, true},
		{"author label", "Author: Sara Haddad | Date: 2017-08-30", where{dates: true}, chrome{byline: "Sara Haddad", published: "2017-08-30"}, true},
		{"by in a sentence", "By the way, the convoy never moved.", where{bylines: true, dates: true}, chrome{}, false},
		{"by a weekday", "By Monday, the ferry operators said the crossing had reopened.", where{bylines: true, dates: true}, chrome{}, false},
		{"by a number", "By 2019 the town had emptied", where{bylines: true, dates: true}, chrome{}, false},
		{"sentence with a colon", "The commander said: the convoy is stuck.", where{dates: true}, chrome{}, false},
		{"unknown label", "Source: Reuters | Comments: 3", where{dates: true}, chrome{}, false},
		{"prose", "Engineers said the repaired bridge would carry lorries by Friday.", where{bylines: true, dates: true}, chrome{}, false},
		{"too long", "Comments: " + strings.Repeat("x", 500), where{dates: true}, chrome{}, false},
		{"date alone in a masthead", "Monday, 20 May 2024", where{}, chrome{}, false},
		{"labelled date in a masthead", "Published: Monday, 20 May 2024", where{}, chrome{published: "Monday, 20 May 2024"}, true},
		{"empty", "   ", where{dates: true}, chrome{}, false},
		{"only separators", " | | ", where{dates: true}, chrome{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseChromeLine(tt.line, tt.at)
			if ok != tt.ok {
				t.Fatalf("parseChromeLine(%q): got ok %v, want %v (fields %+v)", tt.line, ok, tt.ok, got)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseChromeLine(%q):\n got %+v\nwant %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestBylineName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jane Doe", "Jane Doe"},
		{"The Harbour Gazette", "The Harbour Gazette"},
		{"JANE DOE", "JANE DOE"},
		{"J. R. Smith", "J. R. Smith"},
		{"Omar al-Masri", "Omar al-Masri"},
		{"Ahmed bin Saleh", "Ahmed bin Saleh"},
		{"Jane Doe in Beirut", "Jane Doe"},
		{"Jane Doe, Reuters", "Jane Doe, Reuters"},
		{"Jane Doe, senior editor", "Jane Doe"},
		{"Zoë Brontë-Núñez", "Zoë Brontë-Núñez"},
		{"the way", ""},
		{"Monday", ""},
		{"August 30", ""},
		{"and Jane", ""},
		{"https://example.com/jane", ""},
		{"Jane Doe (@jane)", ""},
		{"One Two Three Four Five Six Seven Eight Nine", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := bylineName(tt.in); got != tt.want {
				t.Errorf("bylineName(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBylineText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jane Doe", "Jane Doe"},
		{"By Jane Doe", "Jane Doe"},
		{"BY JANE DOE", "JANE DOE"},
		{"  By   Jane\n Doe ", "Jane Doe"},
		{"https://www.facebook.com/janedoe", ""},
		{"@janedoe", ""},
		{"Jane Doe &amp; Omar Ali", "Jane Doe & Omar Ali"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := bylineText(tt.in); got != tt.want {
				t.Errorf("bylineText(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		name, title, site, h1 string
		want, removed         string
	}{
		{"pipe suffix", "Convoy stranded in desert | The Gazette", "", "", "Convoy stranded in desert", "The Gazette"},
		{"known site with dash", "Convoy stranded in desert - Meridian News", "Meridian News", "", "Convoy stranded in desert", "Meridian News"},
		{"dash suffix matching heading", "Convoy stranded in desert - Valley Courier", "", "Convoy stranded in desert", "Convoy stranded in desert", "Valley Courier"},
		{"site prefix", "Harbour Gazette :: Fishermen return", "", "Fishermen return", "Fishermen return", "Harbour Gazette"},
		{"site and section", "Convoy stranded in desert | World | Meridian", "", "", "Convoy stranded in desert", "Meridian"},
		{"dash inside headline kept", "Syria - what happens next for the convoy", "", "", "Syria - what happens next for the convoy", ""},
		{"no separator", "Convoy stranded", "Meridian", "", "Convoy stranded", ""},
		{"short headline with pipe kept", "Syria | Iraq", "", "", "Syria | Iraq", ""},
		{"white space", "  Convoy\n stranded  ", "", "", "Convoy stranded", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, removed := cleanTitle(tt.title, tt.site, tt.h1)
			if got != tt.want || removed != tt.removed {
				t.Errorf("cleanTitle(%q, %q, %q): got %q, %q, want %q, %q", tt.title, tt.site, tt.h1, got, removed, tt.want, tt.removed)
			}
		})
	}
}

func TestLanguageTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"}, {"en_GB", "en-GB"}, {"EN-us", "en-US"}, {"ar", "ar"},
		{"fr-FR, en", "fr-FR"}, {"", ""}, {"e1", ""}, {"english", ""}, {"und", ""},
	}
	for _, tt := range tests {
		if got := languageTag(tt.in); got != tt.want {
			t.Errorf("languageTag(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
