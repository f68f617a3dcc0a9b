package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"sportello/content"
)

func runLint(ctx context.Context, args []string, io stdio, env getenv) error {
	flags := newFlags("content lint", "content lint [DIR]\n\nCheck a knowledge base (DIR, else SPORTELLO_CONTENT_DIR, else the embedded one):\nevery file valid, all six languages present, links resolving, no review date past.", io)
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() > 1 {
		return usageError{"content lint takes at most one directory"}
	}
	dir := env("SPORTELLO_CONTENT_DIR")
	if flags.NArg() == 1 {
		dir = flags.Arg(0)
	}
	var fsys fs.FS = content.Embedded()
	name := "embedded knowledge base"
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return fmt.Errorf("%s is not a directory", dir)
		}
		fsys, name = os.DirFS(dir), dir
	}
	base, err := content.Load(fsys)
	if err != nil {
		var le *content.LoadError
		if errors.As(err, &le) {
			for _, fe := range le.Errors {
				fmt.Fprintf(io.Out, "error: %s\n", fe)
			}
			return fmt.Errorf("%s: %d files are invalid", name, len(le.Errors))
		}
		return err
	}
	problems := content.Lint(base, time.Now())
	errs, warns := 0, 0
	for _, p := range problems {
		fmt.Fprintln(io.Out, p)
		if p.Severity == content.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	fmt.Fprintf(io.Out, "%s: %d articles, %d topics: %d errors, %d warnings\n", name, base.Len(), len(base.Slugs()), errs, warns)
	if errs > 0 {
		return fmt.Errorf("%d errors", errs)
	}
	return nil
}
