fn main() -> std::process::ExitCode {
    b24_activity_designer::cli::main()
}
