package linknorm

import (
	"strings"
	"testing"
)

// FuzzKey checks that Key never panics, that a URL key is itself a link
// whose key is unchanged (idempotence), and that a key is never empty.
func FuzzKey(f *testing.F) {
	for _, g := range sameKey {
		for _, in := range g.links {
			f.Add(in)
		}
	}
	for _, s := range []string{"", "%", "https://%", "https://a.b/%%41", "https://[::1]:80/..", "a.b/./../?&=&", "https://x.com/#!/a/status/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		key, ok := Key(in)
		if !ok {
			if key != "" {
				t.Fatalf("Key(%q) = %q, false; want empty key", in, key)
			}
			return
		}
		if key == "" {
			t.Fatalf("Key(%q) = \"\", true", in)
		}
		if !strings.HasPrefix(key, "https://") {
			return
		}
		again, ok := Key(key)
		if !ok || again != key {
			t.Fatalf("Key(%q) = %q; Key of that = %q, %v", in, key, again, ok)
		}
	})
}
