package timex

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"
)

func TestDebugDocs(t *testing.T) {
	f, err := os.Open("/work/shared/eval/docs-dev.jsonl")
	if err != nil {
		t.Skip()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	cnt := map[string]int{}
	for sc.Scan() {
		var d struct{ Text, Date, Published string }
		json.Unmarshal(sc.Bytes(), &d)
		a := time.Date(2017, 8, 30, 0, 0, 0, 0, time.UTC)
		for _, m := range Find(d.Text, &a) {
			cnt[m.Type+" | "+m.Text]++
		}
	}
	var ks []string
	for k := range cnt {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return cnt[ks[i]] > cnt[ks[j]] })
	for _, k := range ks {
		fmt.Println(cnt[k], k)
	}
}
