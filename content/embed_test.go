package content

import "testing"

// TestEmbedded validates the starter knowledge base shipped in the binary,
// whatever number of articles it holds.
func TestEmbedded(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatalf("the embedded knowledge base has problems:\n%v", err)
	}
	for _, a := range b.Articles() {
		if PlainText(a.Body) == "" {
			t.Errorf("%s: body renders as empty plain text", a.Path)
		}
	}
	t.Logf("%d articles, %d topics", b.Len(), len(b.Slugs()))
}
