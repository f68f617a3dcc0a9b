package content

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// FileError is one problem in one knowledge base file, returned inside a *LoadError
// by Parse and Load.
type FileError struct {
	Path   string // file path, relative to the knowledge base root
	Line   int    // 1-based line, 0 when the problem concerns the whole file
	Reason string // what is wrong, for an editor
}

// Error formats the problem as "path:line: reason", the form editors and their
// tools jump to; the line is left out when it is 0.
func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Reason)
	}
	return e.Path + ": " + e.Reason
}

// LoadError lists every problem Parse or Load found, sorted by path and line, so an
// editor can fix them all in one pass. errors.As finds each *FileError in it.
type LoadError struct {
	Errors []*FileError
}

// Error returns one problem per line.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		lines[i] = fe.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the *FileError values, for errors.Is and errors.As.
func (e *LoadError) Unwrap() []error {
	errs := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		errs[i] = fe
	}
	return errs
}

// newLoadError sorts errs by path and line and wraps them, or returns nil when
// there are none.
func newLoadError(errs []*FileError) error {
	if len(errs) == 0 {
		return nil
	}
	slices.SortStableFunc(errs, func(a, b *FileError) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	return &LoadError{Errors: errs}
}
