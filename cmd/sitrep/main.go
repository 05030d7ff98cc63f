// Command sitrep turns conflict reporting into structured, sourced, mapped
// data. All of it lives in internal/; this only wires signals and exit codes.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/sitrep-project/sitrep/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.NewMain().Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
