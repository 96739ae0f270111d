META
key;value
description;Riverton Neighbourhood Fund 2026, cumulative ballots (an invented sample)
country;Nowhere
unit;Riverton
instance;2026
subunit;Canal district
num_projects;8
num_votes;24
budget;80000
vote_type;cumulative
rule;greedy
date_begin;2026-04-01
date_end;2026-04-15
language;en
currency;EUR
min_length;1
max_length;4
min_sum_points;10
max_sum_points;10
comment;Costs and budget are in whole euros. Each voter spreads exactly 10 points.
PROJECTS
project_id;cost;votes;score;name;category
A1;25000;9;39;Pocket park on Elm Square;environment
A2;18000;10;59;Bike racks at schools;transport
A3;40000;6;27;Community hall roof repair;culture
A4;9000;3;22;Free summer concerts;culture
A5;30000;8;28;Pedestrian crossing with lights;safety
A6;12000;6;21;Benches along the canal;recreation
A7;20000;6;26;Dog park;recreation
A8;6000;4;18;Little free libraries;education
VOTES
voter_id;vote;points
1;A3,A4;1,9
2;A2;10
3;A1,A5;4,6
4;A2;10
5;A1,A2,A7;5,3,2
6;A2;10
7;A1,A5;7,3
8;A4;10
9;A3;10
10;A2,A7;1,9
11;A5;10
12;A1,A3,A5;2,4,4
13;A2;10
14;A1,A2,A5;7,2,1
15;A4,A5,A6,A7;3,1,2,4
16;A1,A2,A3,A6;2,3,3,2
17;A3,A5,A8;7,1,2
18;A2,A3,A7;5,2,3
19;A1,A6,A8;6,3,1
20;A5,A6;2,8
21;A1,A7,A8;3,2,5
22;A1,A2,A6;3,5,2
23;A6,A7;4,6
24;A8;10
