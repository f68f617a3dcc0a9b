package content

import (
	"embed"
	"io/fs"
)

// kb is the starter knowledge base shipped in the binary.
//
//go:embed kb
var kb embed.FS

// Embedded returns the starter knowledge base, rooted at the folder holding the
// <slug>/<lang>.md files, ready for Load.
func Embedded() fs.FS {
	sub, err := fs.Sub(kb, "kb")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "kb" is a constant valid one.
		panic(err)
	}
	return sub
}
