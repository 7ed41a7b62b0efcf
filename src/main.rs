fn main() {
    rekindle::app::mount_standalone();
}
