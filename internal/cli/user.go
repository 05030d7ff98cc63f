package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func (m *Main) userCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "Manage the newsroom's accounts: editors and admins",
		Long: `User adds, lists, changes and removes the accounts that log in to the site
served by 'sitrep serve'. Editors moderate comments and correct what the
extractor found; admins may do that and see the list of accounts.

Passwords need at least 10 characters. They are read from --password-file,
else asked for twice on a terminal without echo, else read as the first
line of standard input. Only an argon2id hash is stored.`,
		Example: `  sitrep user add rana --role admin
  sitrep user add omar --password-file omar.txt
  echo 'a long passphrase' | sitrep user passwd omar
  sitrep user role omar admin
  sitrep user list
  sitrep user remove omar`,
	}
	cmd.AddCommand(m.userAddCommand(), m.userListCommand(), m.userPasswdCommand(), m.userRoleCommand(), m.userRemoveCommand())
	for _, c := range cmd.Commands() {
		wrapArgs(c)
	}
	return cmd
}

func (m *Main) userAddCommand() *cobra.Command {
	var role, passwordFile string
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add an account",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := sitrep.ParseRole(role)
			if err != nil {
				return usageError{err}
			}
			if err := sitrep.ValidateUserName(args[0]); err != nil {
				return err
			}
			pw, err := m.readPassword(passwordFile, true)
			if err != nil {
				return err
			}
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			u, err := db.CreateUser(cmd.Context(), args[0], r, pw)
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "added %s %s\n", u.Role, u.Name)
			return nil
		},
	}
	cmd.Flags().StringVar(&role, "role", string(sitrep.RoleEditor), "editor or admin")
	cmd.Flags().StringVar(&passwordFile, "password-file", "", "read the password from the first line of this file")
	return cmd
}

func (m *Main) userListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the accounts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			users, err := db.Users(cmd.Context())
			if err != nil {
				return err
			}
			if len(users) == 0 {
				fmt.Fprintln(m.Stderr, "no accounts; add one with: sitrep user add NAME --role admin")
				return nil
			}
			tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tROLE\tCREATED")
			for _, u := range users {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", u.Name, u.Role, u.Created.Format(time.DateOnly))
			}
			return tw.Flush()
		},
	}
}

func (m *Main) userPasswdCommand() *cobra.Command {
	var passwordFile string
	cmd := &cobra.Command{
		Use:   "passwd NAME",
		Short: "Set an account's password and end its sessions",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			u, err := db.UserByName(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			pw, err := m.readPassword(passwordFile, true)
			if err != nil {
				return err
			}
			if err := db.SetPassword(cmd.Context(), u.ID, pw); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "changed the password of %s; its sessions are ended\n", u.Name)
			return nil
		},
	}
	cmd.Flags().StringVar(&passwordFile, "password-file", "", "read the password from the first line of this file")
	return cmd
}

func (m *Main) userRoleCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "role NAME ROLE",
		Short: "Make an account an editor or an admin",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := sitrep.ParseRole(args[1])
			if err != nil {
				return usageError{err}
			}
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			u, err := db.UserByName(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if err := db.SetRole(cmd.Context(), u.ID, r); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "%s is now %s\n", u.Name, r)
			return nil
		},
	}
}

func (m *Main) userRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an account and end its sessions",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			u, err := db.UserByName(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if err := db.DeleteUser(cmd.Context(), u.ID); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "removed %s\n", u.Name)
			return nil
		},
	}
}

// readPassword gets a password from file, else from the terminal (asked
// twice when confirm, without echo), else from the first line of stdin,
// and checks its strength before anything is stored.
func (m *Main) readPassword(file string, confirm bool) (string, error) {
	var pw string
	switch f, ok := m.Stdin.(*os.File); {
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		pw = firstLine(string(b))
	case ok && term.IsTerminal(int(f.Fd())):
		ask := func(prompt string) (string, error) {
			fmt.Fprint(m.Stderr, prompt)
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(m.Stderr)
			if err != nil {
				return "", fmt.Errorf("read password: %w", err)
			}
			return string(b), nil
		}
		var err error
		if pw, err = ask("Password: "); err != nil {
			return "", err
		}
		if err := sitrep.ValidatePassword(pw); err != nil {
			return "", err
		}
		if confirm {
			again, err := ask("Password again: ")
			if err != nil {
				return "", err
			}
			if again != pw {
				return "", sitrep.Errorf(sitrep.EINVALID, "the two passwords differ")
			}
		}
	default:
		line, err := bufio.NewReader(io.LimitReader(m.Stdin, sitrep.MaxPasswordLen+2)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password from standard input: %w", err)
		}
		pw = firstLine(line)
		if pw == "" {
			return "", sitrep.Errorf(sitrep.EINVALID, "no password given: use --password-file, type it on a terminal, or pipe it on standard input")
		}
	}
	return pw, sitrep.ValidatePassword(pw)
}

// firstLine is s up to its first line end, which is not part of the
// password.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSuffix(s, "\r")
}
