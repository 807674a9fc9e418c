"""Per-document records on the environment: forgotten with their document, taken back from -j workers for what they read.

The parallel builds of test_frontmatter, test_news, test_profile and test_reproducible check the
same through whole sites; here each rule is checked on its own, through the two events Sphinx emits.
"""

from __future__ import annotations

from types import SimpleNamespace

from sphinx_academic_homepage.docstore import DocumentStore, SiteRecord


def handlers_of(store: DocumentStore) -> dict:
    """The event handlers the store connects, by event name."""
    handlers = {}
    store.connect(SimpleNamespace(connect=lambda event, handler: handlers.setdefault(event, handler)))
    assert set(handlers) == {"env-purge-doc", "env-merge-info"}
    return handlers


def test_a_purged_document_loses_its_record_and_only_its_own():
    for kind, records, left in ((dict, {"a": 1, "b": 2}, {"b": 2}), (set, {"a", "b"}, {"b"})):
        store = DocumentStore("homepage_test_records", kind)
        env = SimpleNamespace()
        store.of(env).update(records)
        handlers_of(store)["env-purge-doc"](None, env, "a")
        handlers_of(store)["env-purge-doc"](None, env, "never-recorded")
        assert store.of(env) == left
        assert env.homepage_test_records is store.of(env)  # on the environment itself: pickled with it


def test_a_merge_takes_the_records_of_the_documents_the_worker_read_only():
    # The worker started from a copy of the main environment, so it also holds records of documents
    # it did not read, possibly older than the main process's: those are not taken.
    store = DocumentStore("homepage_test_records")
    main, worker = SimpleNamespace(), SimpleNamespace()
    store.of(main).update({"kept": "main's", "read": "outdated"})
    store.of(worker).update({"kept": "worker's copy", "read": "worker's", "new": "worker's too", "other": "x"})
    handlers_of(store)["env-merge-info"](None, main, {"read", "new", "read-without-record"}, worker)
    assert store.of(main) == {"kept": "main's", "read": "worker's", "new": "worker's too"}


def test_a_merge_of_a_set_adds_the_documents_the_worker_read_only():
    store = DocumentStore("homepage_test_hosts", set)
    main, worker = SimpleNamespace(), SimpleNamespace()
    store.of(main).add("kept")
    store.of(worker).update({"read", "not-read"})
    handlers_of(store)["env-merge-info"](None, main, {"read", "read-without-record"}, worker)
    assert store.of(main) == {"kept", "read"}


def test_a_new_environment_starts_empty_without_the_attribute_set_beforehand():
    assert DocumentStore("homepage_test_records").of(SimpleNamespace()) == {}
    assert DocumentStore("homepage_test_hosts", set).of(SimpleNamespace()) == set()


def test_a_site_record_says_whether_a_build_before_set_it():
    record = SiteRecord("homepage_test_site_value")
    env = SimpleNamespace()
    assert record.get(env) is None
    assert record.set(env, "first") is SiteRecord.MISSING
    assert record.set(env, "second") == "first"
    assert record.get(env) == "second"
    # On the environment itself: pickled with it, seen by the next build.
    assert env.homepage_test_site_value == "second"
