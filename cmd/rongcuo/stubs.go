package main

import (
	"context"
	"errors"
)

// Commands not built yet. Each moves to its own file when it is.

var errNotYet = errors.New("this command is not available yet")

func runLogs(ctx context.Context, e env, g *globalOptions, args []string) error { return errNotYet }
