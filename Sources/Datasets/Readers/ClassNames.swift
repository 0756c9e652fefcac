/// Class names of the datasets whose files do not carry them (IDX and CIFAR binaries hold only
/// label numbers), copied from each dataset's documentation.
enum ClassNames {
    /// Fashion-MNIST (Xiao et al. 2017, github.com/zalandoresearch/fashion-mnist), by label.
    static let fashionMNIST = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// CIFAR-10, by label (the order of `batches.meta.txt`).
    static let cifar10 = [
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    ]

    /// CIFAR-100 fine labels, by label (the order of `fine_label_names.txt`: alphabetical).
    static let cifar100 = [
        "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
        "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
        "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
        "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
        "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle", "mountain",
        "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck", "pine_tree",
        "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray", "road", "rocket",
        "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider",
        "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television", "tiger",
        "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf", "woman", "worm",
    ]

    /// "0"…"n-1": for digit datasets, where the label is the name.
    static func digits(_ count: Int) -> [String] { (0..<count).map(String.init) }

    /// "class 0"…: when nothing better is known.
    static func generic(_ count: Int) -> [String] { (0..<count).map { "class \($0)" } }
}
