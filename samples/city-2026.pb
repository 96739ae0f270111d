META
key;value
description;Riverton Participatory Budget 2026 (an invented sample city)
country;Nowhere
unit;Riverton
instance;2026
num_projects;12
num_votes;40
budget;400000
vote_type;approval
rule;greedy
date_begin;2026-03-02
date_end;2026-03-22
language;en
currency;EUR
min_length;1
max_length;4
comment;Costs and budget are in whole euros. Voters 1-26 live in Northgate, 27-40 in Southbank.
PROJECTS
project_id;cost;votes;name;category;target
1;180000;26;Riverside cycle path;transport;all
2;150000;18;Northgate library extension;culture,education;north
3;60000;11;Northgate park playground;recreation;north,children
4;40000;4;Street trees on Mill Road;environment;north
5;35000;9;Southbank community garden;environment;south
6;25000;5;Heated bus shelters in Southbank;transport;south,seniors
7;120000;8;Southbank youth centre refurbishment;education,recreation;south,youth
8;12000;10;Public drinking fountains;health;all
9;90000;10;Skate park at the old quarry;recreation;youth
10;50000;16;Night lighting on footpaths;safety;all
11;8000;12;Repair café equipment;environment;all
12;22000;8;Outdoor exercise equipment for seniors;health;seniors
VOTES
voter_id;vote;neighborhood
1;1,2,8,9;Northgate
2;1,9,11;Northgate
3;1,8,9;Northgate
4;2,3,4,9;Northgate
5;1,2,4,12;Northgate
6;1,9;Northgate
7;1,3,8,11;Northgate
8;1,2,3;Northgate
9;2,3,9,10;Northgate
10;1,2,12;Northgate
11;1,2,4,10;Northgate
12;1,10,12;Northgate
13;2,3,10,11;Northgate
14;1,2,11;Northgate
15;1,8;Northgate
16;1,2,9,10;Northgate
17;1,2,3,4;Northgate
18;1,2,8,10;Northgate
19;1,3,8,11;Northgate
20;1,2,9,10;Northgate
21;2,3,12;Northgate
22;1,2,3;Northgate
23;1,3,9;Northgate
24;2,8,10,12;Northgate
25;1,2,10,12;Northgate
26;1,2,3,10;Northgate
27;1,6,7;Southbank
28;5,7,8,11;Southbank
29;1,5,10;Southbank
30;5,6,10,11;Southbank
31;5,6,7,10;Southbank
32;1,6,7,11;Southbank
33;5,7,8,10;Southbank
34;7;Southbank
35;5,9,11;Southbank
36;5,7,10,11;Southbank
37;1,6;Southbank
38;5,11,12;Southbank
39;1,5,8;Southbank
40;7,10,11,12;Southbank
