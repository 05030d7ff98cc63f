package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func main() {
	ref := time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)
	gold := map[string]string{}
	tsv, _ := os.ReadFile("samples/stories.tsv")
	re := regexp.MustCompile(`pub=(\d{4}-\d{2}-\d{2})`)
	for _, l := range strings.Split(string(tsv), "\n") {
		f := strings.Split(l, "\t")
		if len(f) > 3 {
			if m := re.FindStringSubmatch(l); m != nil {
				gold[f[0]] = m[1]
			}
		}
	}
	bad := regexp.MustCompile(`(?i)cookie|newsletter|most read|related|share|comment|published:|written by|subscribe|advertis|sign up|posted on|all rights|©`)
	show := func(key string, a *sitrep.Article, err error) {
		if err != nil {
			fmt.Println("ERR", key, err)
			return
		}
		pub := ""
		if a.Published != nil {
			pub = a.Published.Format("2006-01-02")
		}
		flag := ""
		if g, ok := gold[key]; ok && g != pub {
			flag = " <<< gold " + g
		}
		fmt.Printf("%s\n  title=%q\n  byline=%q source=%q lang=%q canon=%q\n  pub=%s (%s) text=%q%s countries=%q topics=%q comments=%q\n  body %d chars, %d paras\n",
			key, a.Title, a.Byline, a.Source, a.Language, a.CanonicalURL, pub, a.PublishedPrecision, a.PublishedText, flag, a.PageCountries, a.PageTopics, a.PageComments, len(a.Body), strings.Count(a.Body, "\n\n")+1)
		for _, p := range strings.Split(a.Body, "\n\n") {
			if bad.MatchString(p) || len(p) < 60 {
				fmt.Printf("  SUSPECT: %.150q\n", p)
			}
		}
	}
	files, _ := filepath.Glob("samples/*/*")
	for _, f := range files {
		data, _ := os.ReadFile(f)
		key := strings.TrimPrefix(f, "samples/")
		a, err := parse.Document(parse.Input{Name: f, Data: data, Retrieved: ref})
		show(key, a, err)
	}
	fh, _ := os.Open("samples/batch.jsonl")
	parse.Lines(fh, "batch.jsonl", ref, func(n int, a *sitrep.Article, err error) error {
		show(fmt.Sprintf("batch.jsonl:%d", n), a, err)
		return nil
	})
}
