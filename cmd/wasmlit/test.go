package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
)

// runTest is the test command: it writes the source table of every app (as the build does, so
// that cached functions are keyed by their source in the tests too) and runs go test with args
// (./... when there are none) in the working directory, passing its output through.
func runTest(ctx context.Context, log *logger, args []string) error {
	root, err := findRoot()
	if err != nil {
		return err
	}
	b := &Builder{Root: root, Log: log}
	apps, err := resolveApps(root, defaultApps(nil))
	if err != nil {
		return err
	}
	for _, app := range apps {
		if err := b.runGenerator(ctx, app); err != nil {
			return err
		}
	}
	if len(args) == 0 {
		args = []string{"./..."}
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"test"}, args...)...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode()) // go test said what failed
		}
		return err
	}
	return nil
}
