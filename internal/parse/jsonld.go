package parse

import (
	"encoding/json"
	"html"
	"slices"
	"strings"
)

// ldArticle is what a page's JSON-LD says about its article.
type ldArticle struct {
	headline  string
	author    string
	publisher string
	published string
	language  string
	url       string
	body      string
}

// readJSONLD reads the first article object in the page's JSON-LD blocks,
// looking through arrays and @graph and following {"@id"} references for
// the author and publisher. Blocks that are not valid JSON are skipped, as
// browsers skip them.
func readJSONLD(blocks []string) ldArticle {
	for _, block := range blocks {
		block = strings.TrimSpace(block)
		block = strings.TrimSuffix(strings.TrimPrefix(block, "<![CDATA["), "]]>")
		var v any
		if err := json.Unmarshal([]byte(block), &v); err != nil {
			continue
		}
		ids := map[string]map[string]any{}
		var objs []map[string]any
		collectLD(v, ids, &objs, 0)
		for _, o := range objs {
			if !isArticleType(o["@type"]) {
				continue
			}
			var ld ldArticle
			ld.headline = ldText(o["headline"])
			if ld.headline == "" {
				ld.headline = ldText(o["name"])
			}
			ld.author = ldNames(o["author"], ids)
			ld.publisher = ldNames(o["publisher"], ids)
			ld.published = ldText(o["datePublished"])
			ld.language = ldText(o["inLanguage"])
			ld.url = ldText(o["url"])
			if ld.url == "" {
				ld.url = ldID(o["mainEntityOfPage"])
			}
			if body, ok := o["articleBody"].(string); ok {
				ld.body = html.UnescapeString(body) // keeps its line breaks
			}
			return ld
		}
	}
	return ldArticle{}
}

// collectLD lists the objects in v in document order and indexes them by
// @id. depth bounds hostile nesting.
func collectLD(v any, ids map[string]map[string]any, objs *[]map[string]any, depth int) {
	if depth > 8 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			collectLD(e, ids, objs, depth+1)
		}
	case map[string]any:
		if id, ok := v["@id"].(string); ok && len(v) > 1 {
			ids[id] = v
		}
		*objs = append(*objs, v)
		if g, ok := v["@graph"]; ok {
			collectLD(g, ids, objs, depth+1)
		}
	}
}

func isArticleType(t any) bool {
	switch t := t.(type) {
	case string:
		return strings.HasSuffix(t, "Article") || t == "BlogPosting" ||
			t == "LiveBlogPosting" || t == "Report" || t == "SocialMediaPosting"
	case []any:
		for _, e := range t {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// ldText reads a string value, the first of a list, or the @value of a
// value object, with HTML entities decoded as some sites leave them in.
func ldText(v any) string {
	switch v := v.(type) {
	case string:
		return strings.Join(strings.Fields(html.UnescapeString(v)), " ")
	case []any:
		if len(v) > 0 {
			return ldText(v[0])
		}
	case map[string]any:
		return ldText(v["@value"])
	}
	return ""
}

func ldID(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if s, ok := v["@id"].(string); ok {
			return s
		}
	}
	return ""
}

// ldNames reads the names of a person or organisation value: a string, an
// object with a name, a reference to one, or a list of these.
func ldNames(v any, ids map[string]map[string]any) string {
	switch v := v.(type) {
	case string:
		return ldText(v)
	case map[string]any:
		if name := ldText(v["name"]); name != "" {
			return name
		}
		if id, ok := v["@id"].(string); ok {
			if o, ok := ids[id]; ok {
				return ldText(o["name"])
			}
		}
	case []any:
		var names []string
		for _, e := range v {
			if name := ldNames(e, ids); name != "" && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}
