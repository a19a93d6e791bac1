//! `rollplan`: the command line over the same core as the web app.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = rollplan_cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr());
    std::process::exit(code);
}
