//! The `congkhai` command line: parses arguments, runs a command, prints problems and a
//! one-line summary, and exits with 0 (done), 1 (problems in the site's files) or 2 (could
//! not run).

use clap::{Parser, Subcommand};
use congkhai::diagnostic::Diagnostics;
use congkhai::{BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Static sites that publish administrative procedures: one permanent page per procedure.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files.
    Build {
        /// The site root (where congkhai.toml is).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced only when the build succeeds [default: ROOT/site].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print only problems, no summary.
        #[arg(long, short)]
        quiet: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            quiet,
        } => build(root, output, quiet),
    }
}

fn build(root: PathBuf, output: Option<PathBuf>, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let output = output.unwrap_or_else(|| root.join("site"));
    let options = BuildOptions {
        root,
        output: output.clone(),
    };
    match congkhai::build(&options) {
        Ok(report) => {
            let warnings = report.warnings.warning_count();
            print_diagnostics(report.warnings);
            if !quiet {
                println!(
                    "Built {} procedures, {} pages, {} files into {} in {:.2} s{}",
                    report.procedures,
                    report.pages,
                    report.files,
                    output.display(),
                    started.elapsed().as_secs_f64(),
                    plural_warnings(warnings)
                );
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Invalid(diags)) => {
            let (errors, warnings) = (diags.error_count(), diags.warning_count());
            print_diagnostics(diags);
            eprintln!(
                "Build failed: {errors} error{}{}; {} was left unchanged",
                if errors == 1 { "" } else { "s" },
                plural_warnings(warnings),
                output.display()
            );
            ExitCode::from(1)
        }
        Err(e @ BuildError::Output(_)) => {
            eprintln!("error: {e}");
            eprintln!("Build failed; {} was left unchanged", output.display());
            ExitCode::from(2)
        }
    }
}

fn plural_warnings(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    }
}

fn print_diagnostics(diags: Diagnostics) {
    for d in diags.sorted() {
        eprintln!("{d}");
    }
}
