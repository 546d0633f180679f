"""Unit tests that take seconds each are marked `slow`, so that `make check` (which leaves `slow`
out) stays under a minute; `make test` runs them all.

They are named here, by test function, rather than by a decorator beside each: they were picked
by measuring the whole unit layer at once (pytest --durations=0), and a name survives a test
module's move to another folder. A new test that takes a second or more belongs in this list (or
under @pytest.mark.slow where it is written).
"""

from __future__ import annotations

import pytest

SLOW = {
    # sweeps over every profile, case, seed or assignment
    "test_no_raw_id_or_machine_value_is_shown_for_any_profile",
    "test_no_filter_of_one_or_two_columns_gives_the_exploitation_away",  # the give-away audit: these five
    "test_every_source_carries_false_positives_and_misses",  # share 24 generated years of each town
    "test_every_group_the_municipality_has_shows_look_alikes",
    "test_a_remark_means_an_inspection",
    "test_the_audit_finds_a_give_away_when_there_is_one",
    "test_no_feedback_names_an_expected_id_or_label",
    "test_the_model_plan_outscores_100_random_feasible_plans",
    "test_rendered_findings_are_words_of_the_learners_language_for_every_case",
    "test_planted_data_is_replaced_and_the_rest_is_intact",
    "test_the_same_seed_gives_the_same_municipality",
    "test_yaml_export_round_trips",
    # property tests (hypothesis) and plan ladders
    "test_score_is_in_range_and_adding_a_correct_item_never_lowers_it",
    "test_no_answer_with_a_wrong_verdict_scores_above_one_half",
    "test_an_empty_or_one_step_plan_or_a_plan_without_services_cannot_pass",
    "test_a_ladder_from_the_empty_plan_to_the_model_plan_rises_at_every_rung",
    # whole apps driven through a full plan
    "test_the_expert_plan_entered_by_label_scores_fully_and_follows_the_language",
    "test_planner_model_plan_passes_and_restores",
    "test_the_planner_shows_labels_for_an_empty_a_one_step_and_the_model_plan",
    "test_mapping_simulator_scores_the_model_plan_fully",
    "test_chapters_3_and_6_keep_their_own_plans",
    # a kernel or a command started
    "test_a_preheated_kernel_waits_for_the_page_request_once",
    "test_the_giveaway_search_runs_from_the_command_line",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if getattr(item, "originalname", None) in SLOW:
            item.add_marker(pytest.mark.slow)
