import TextFolding

/// The folding lives in TextFolding, so that the search index folds texts and queries as the
/// extractor's patterns do; this name keeps the extractor's files as they were.
typealias ScalarFolding = TextFolding.ScalarFolding
